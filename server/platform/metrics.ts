// The process's Prometheus metrics on one prom-client registry, served at /metrics
// (server/http/metricsRoute.ts). Counters of events (refused floods, revoked access, chat
// messages) are counted where they happen; live figures are read at scrape time
// (server/platform/liveFigures.ts).
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export const registry = new Registry();
// CPU, memory, event-loop lag, handles, GC of this Node process.
collectDefaultMetrics({ register: registry, prefix: 'rinnalla_' });

const counters = new Map<string, Counter>();
/** Shadow of every counter's values, so tests and code can read one synchronously. */
const values = new Map<string, number>();

const keyOf = (name: string, labels: Record<string, string>) => {
  const parts = Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v}"`);
  return parts.length ? `${name}{${parts.join(',')}}` : name;
};

/** Adds to a counter; its label names are fixed by its first use. */
export function count(name: string, labels: Record<string, string> = {}, by = 1): void {
  let counter = counters.get(name);
  if (!counter) {
    counter = new Counter({
      name,
      help: `${name.replace(/_total$/, '').replace(/_/g, ' ')} (count)`,
      labelNames: Object.keys(labels).sort(),
      registers: [registry],
    });
    counters.set(name, counter);
  }
  try {
    counter.inc(labels, by);
  } catch {
    // A label set other than the first use's: counted in the shadow only, never a crash.
  }
  const key = keyOf(name, labels);
  values.set(key, (values.get(key) ?? 0) + by);
}

export function counterValue(name: string, labels: Record<string, string> = {}): number {
  return values.get(keyOf(name, labels)) ?? 0;
}

/** HTTP requests by method, route pattern (never the raw URL) and status class. */
export const httpDuration = new Histogram({
  name: 'rinnalla_http_request_duration_seconds',
  help: 'HTTP request latency by method, route pattern and status class',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

/** From a chat message's arrival to its being stored and sent to the channel. */
export const chatSendDuration = new Histogram({
  name: 'rinnalla_chat_send_duration_seconds',
  help: 'Chat message latency from arrival to stored and broadcast',
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});
