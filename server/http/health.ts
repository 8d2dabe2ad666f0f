import { Router } from 'express';
import type { Sfu } from '../../sfu/index.ts';
import { databaseReachable } from '../db/connect.ts';
import { metricsText } from '../platform/metrics.ts';

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
  // Counters for a scraper on the same machine; not for the internet.
  router.get('/metrics', (req, res) => {
    const address = req.socket.remoteAddress ?? '';
    if (!/^(?:127\.|::1$|::ffff:127\.)/.test(address)) {
      res.status(404).end();
      return;
    }
    res.type('text/plain; version=0.0.4').send(metricsText());
  });
  return router;
}
