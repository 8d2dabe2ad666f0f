import { Router } from 'express';
import type { Sfu } from '../../sfu/index.ts';
import { databaseReachable } from '../db/connect.ts';
import { downParts } from '../platform/parts.ts';

/**
 * /healthz: the process answers (liveness only: a supervisor must not restart the whole platform
 * while a part heals). /readyz: it can serve — database reachable, an SFU worker alive — and
 * when not, `down` names each part that is down and why (a crash loop says so there).
 */
export function healthRoutes(sfu: Sfu): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const reachable = await databaseReachable();
    const workers = sfu.pool.alive().length;
    const down = downParts();
    if (!reachable && !down.some((d) => d.part === 'database'))
      down.push({ part: 'database', reason: 'the database does not answer' });
    if (workers === 0) down.push({ part: 'media', reason: 'no media worker is running' });
    const database = !down.some((d) => d.part === 'database');
    const ready = down.length === 0;
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'unavailable', database, workers, down });
  });
  return router;
}
