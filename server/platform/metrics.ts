// Counters of things worth watching in production (refused floods, revoked access), kept in
// memory per process and served in Prometheus' text format at /metrics (server/http/health.ts).
const counters = new Map<string, number>();

const keyOf = (name: string, labels: Record<string, string>) => {
  const parts = Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`);
  return parts.length ? `${name}{${parts.join(',')}}` : name;
};

export function count(name: string, labels: Record<string, string> = {}, by = 1): void {
  const key = keyOf(name, labels);
  counters.set(key, (counters.get(key) ?? 0) + by);
}

export function counterValue(name: string, labels: Record<string, string> = {}): number {
  return counters.get(keyOf(name, labels)) ?? 0;
}

/** Every counter as Prometheus exposition text. */
export function metricsText(): string {
  const names = new Set([...counters.keys()].map((key) => key.split('{')[0]));
  const lines: string[] = [];
  for (const name of [...names].sort()) {
    lines.push(`# TYPE ${name} counter`);
    for (const [key, value] of counters)
      if (key.split('{')[0] === name) lines.push(`${key} ${value}`);
  }
  return `${lines.join('\n')}\n`;
}
