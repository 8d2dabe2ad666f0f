// /metrics for Prometheus: only with `Authorization: Bearer <METRICS_TOKEN>`. Without a
// METRICS_TOKEN the figures are not served at all (they tell how busy and who is live).
import { createHash, timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import { languageOf, translator } from '../i18n/index.ts';
import { registry } from '../platform/metrics.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant time whatever the lengths: both sides are hashed first. */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

export function metricsRoute(token: string | undefined): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    const t = translator(languageOf(undefined, req.headers['accept-language']));
    if (!token) {
      res.status(403).json({ error: { code: 'metricsOff', message: t('metricsOff') } });
      return;
    }
    const given = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    if (!sameSecret(given, token)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      res.status(401).json({ error: { code: 'metricsToken', message: t('metricsToken') } });
      return;
    }
    res.type(registry.contentType).send(await registry.metrics());
  });
  return router;
}
