// Registers one request handler: validate the payload, run, answer with an ack — always.
import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { gate, socketActions } from '../access/policy.ts';
import { fieldErrors } from '../http/validation.ts';
import { translator } from '../i18n/index.ts';
import type { Ack } from '../protocol/ack.ts';
import { requestSchemas, type RequestName, type ResponseOf } from '../protocol/socket.ts';
import { toAppError } from '../errors.ts';
import { failFast } from '../platform/parts.ts';
import { withinLimit } from './eventLimits.ts';
import type { RealtimeSocket } from './socket.ts';

export type Payload<N extends RequestName> = z.output<(typeof requestSchemas)[N]>;

export function handle<N extends RequestName>(
  socket: RealtimeSocket,
  log: Logger,
  name: N,
  handler: (payload: Payload<N>) => Promise<ResponseOf<N>>,
): void {
  (socket as unknown as Socket).on(name as string, async (payload: unknown, ack: unknown) => {
    // A request without an ack callback is malformed: there is nobody to answer.
    if (typeof ack !== 'function') return;
    const reply = ack as (result: Ack<ResponseOf<N>>) => void;
    const t = translator(socket.data.lang);
    if (!withinLimit(socket, name)) {
      reply({ ok: false, error: { code: 'rateLimited', message: t('rateLimited') } });
      return;
    }
    const verdict = gate(socket.data.actor, socketActions[name]);
    if (verdict !== 'allowed') {
      reply({ ok: false, error: { code: verdict, message: t(verdict) } });
      return;
    }
    const parsed = requestSchemas[name].safeParse(payload);
    if (!parsed.success) {
      reply({
        ok: false,
        error: { code: 'invalid', message: t('invalid'), fields: fieldErrors(parsed.error, t) },
      });
      return;
    }
    try {
      reply({ ok: true, data: await failFast(handler(parsed.data as Payload<N>)) });
    } catch (error) {
      reply({ ok: false, error: toAppError(error, t, log) });
    }
  });
}
