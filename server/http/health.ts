import { Router } from 'express';
import type { Sfu } from '../../sfu/index.ts';
import { databaseReachable } from '../db/connect.ts';

/** /healthz: the process answers. /readyz: it can serve — database reachable, an SFU worker alive. */
export function healthRoutes(sfu: Sfu): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const database = await databaseReachable();
    const workers = sfu.pool.alive().length;
    const ready = database && workers > 0;
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'unavailable', database, workers });
  });
  return router;
}
