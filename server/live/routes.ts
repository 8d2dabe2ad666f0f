// Before the device check: may I go into this session now, and as what? The session page asks
// first, so nobody tests their camera only to hear that the session ended or that they were
// removed. The answer is the live join's own admission, without joining.
import { z } from 'zod';
import type { ApiRouter } from '../http/api.ts';
import { signedIn } from '../http/api.ts';
import type { SessionEntry } from '../protocol/live.ts';
import type { Clock } from '../reminders/runner.ts';
import type { Sfu } from '../../sfu/index.ts';
import { admit, loadSessionContext } from './admission.ts';

const entryQuery = z
  .object({ mode: z.enum(['participant', 'observer']).default('participant') })
  .strict();

export function liveRoutes(api: ApiRouter, clock: Clock, sfu: Sfu): void {
  api.get(
    '/sessions/:sessionId/entry',
    { action: 'session.join', query: entryQuery },
    async ({ actor, params, query }): Promise<SessionEntry> => {
      const me = signedIn(actor);
      const context = await loadSessionContext(params.sessionId ?? '', me);
      const admission = await admit(me, query.mode, context, clock.now());
      // With the router's capabilities the page loads its media device during the device check,
      // not after the Join click.
      const routerRtpCapabilities = await sfu.rtpCapabilities().catch(() => undefined);
      return {
        role: admission.role,
        observer: admission.observer,
        ...(routerRtpCapabilities ? { routerRtpCapabilities } : {}),
      };
    },
  );
}
