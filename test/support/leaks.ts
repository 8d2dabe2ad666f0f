// What still keeps the test process alive once every suite and the test database are closed.
// Mocha runs without `exit: true`, so a leaked timer, socket, server or child process would make
// the run hang until CI's timeout; this names it instead and fails the run at once.
// LEAKS_TRACE=1 also records where each timer, socket, server and child process was created
// (async_hooks, costly, so only on request) and prints that stack beside each leak.
import { createHook } from 'node:async_hooks';

interface Created {
  type: string;
  stack: string;
  resource: WeakRef<object>;
}

/** async_hooks types worth a creation stack: the ones that can keep a process alive. */
const tracedTypes = new Set([
  'Timeout',
  'TCPWRAP',
  'TCPSERVERWRAP',
  'PIPEWRAP',
  'PIPESERVERWRAP',
  'PROCESSWRAP',
  'UDPWRAP',
  'SIGNALWRAP',
  'FSEVENTWRAP',
  'STATWATCHER',
  'WORKER',
  'MESSAGEPORT',
]);
const created = new Map<number, Created>();

/** Starts recording creation stacks when LEAKS_TRACE=1 (call once, as early as possible). */
export function traceLeaksIfAsked(): void {
  if (process.env.LEAKS_TRACE !== '1') return;
  Error.stackTraceLimit = 40;
  createHook({
    init(asyncId, type, _trigger, resource) {
      if (!tracedTypes.has(type)) return;
      const stack = (new Error().stack ?? '')
        .split('\n')
        .slice(1)
        .filter((line) => !line.includes('node:internal') && !line.includes('node:async_hooks'))
        .join('\n');
      created.set(asyncId, { type, stack, resource: new WeakRef(resource) });
    },
    destroy(asyncId) {
      created.delete(asyncId);
    },
  }).enable();
}

interface Handle {
  constructor: { name: string };
  _handle?: { getAsyncId?: () => number } | null;
  pid?: number;
  spawnfile?: string;
  spawnargs?: string[];
  remoteAddress?: string;
  remotePort?: number;
  localPort?: number;
  address?: () => unknown;
}

// Internal but stable since Node 0.x: the handle objects themselves (only the referenced ones),
// which name a leak far better than getActiveResourcesInfo()'s bare type names.
const internals = process as unknown as {
  _getActiveHandles(): Handle[];
  _getActiveRequests(): Handle[];
};

function describe(handle: Handle): string {
  const kind = handle.constructor.name;
  if (handle.pid !== undefined)
    return `${kind} pid ${handle.pid}: ${(handle.spawnargs ?? [handle.spawnfile]).join(' ')}`;
  if (handle.remotePort !== undefined)
    return `${kind} ${handle.localPort} → ${handle.remoteAddress}:${handle.remotePort}`;
  if (typeof handle.address === 'function') {
    try {
      return `${kind} listening on ${JSON.stringify(handle.address())}`;
    } catch {
      return kind;
    }
  }
  return kind;
}

function creationOf(handle: Handle): string | undefined {
  const id = handle._handle?.getAsyncId?.();
  return id === undefined ? undefined : created.get(id)?.stack;
}

/** Referenced handles, requests and timers other than the process's own stdio. */
function whatIsLeft(): { handles: Handle[]; requests: Handle[]; timers: number } {
  const stdio = new Set<unknown>([process.stdin, process.stdout, process.stderr]);
  const handles = internals._getActiveHandles().filter((handle) => !stdio.has(handle));
  const requests = internals._getActiveRequests();
  const timers = process.getActiveResourcesInfo().filter((type) => type === 'Timeout').length;
  return { handles, requests, timers };
}

function report(left: ReturnType<typeof whatIsLeft>): string {
  const lines = [
    '',
    '✖ LEAK: after every test and the test database were closed, these still keep the process alive',
    `  (process.getActiveResourcesInfo(): ${JSON.stringify(process.getActiveResourcesInfo())})`,
  ];
  for (const handle of [...left.handles, ...left.requests]) {
    lines.push(`  - ${describe(handle)}`);
    const stack = creationOf(handle);
    if (stack) lines.push(stack.replace(/^/gm, '      '));
  }
  if (left.timers > 0)
    lines.push(`  - ${left.timers} referenced timer(s) (setTimeout/setInterval)`);
  for (const { type, stack, resource } of created.values()) {
    const timer = resource.deref() as { hasRef?: () => boolean; _destroyed?: boolean } | undefined;
    if (type !== 'Timeout' || !timer?.hasRef?.() || timer._destroyed) continue;
    lines.push('    a timer created at:', stack.replace(/^/gm, '      '));
  }
  if (process.env.LEAKS_TRACE !== '1')
    lines.push('  Run again with LEAKS_TRACE=1 to see where each one was created.');
  return lines.join('\n');
}

/**
 * With LEAKS_TRACE=1: timers still pending though unreferenced. They cannot hold the process,
 * so they are no failure (a library's housekeeping interval may be meant to live for ever), but
 * an interval of ours still ticking after its owner stopped is work leaked: listed per place.
 */
function unreferencedTimers(): string[] {
  const places = new Map<string, number>();
  for (const { type, stack, resource } of created.values()) {
    const timer = resource.deref() as
      { hasRef?: () => boolean; _destroyed?: boolean; _idleTimeout?: number } | undefined;
    if (type !== 'Timeout' || !timer || timer.hasRef?.() || timer._destroyed) continue;
    if (timer._idleTimeout === -1) continue; // cleared
    const place = stack
      .split('\n')
      .filter((line) => !/node:|leaks\.ts|\(<anonymous>\)/.test(line))
      .slice(0, 3)
      .join('\n');
    places.set(place, (places.get(place) ?? 0) + 1);
  }
  return [...places].map(([place, count]) => `  ${count} × a timer created at:\n${place}`);
}

/**
 * Waits (briefly: closing sockets and exiting children take a moment) until nothing but stdio
 * is left; otherwise prints what is left and ends the run with a failure. Nothing is waited
 * for when the process is already clean.
 */
export async function failOnLeaks(graceMs = 5000): Promise<void> {
  const began = Date.now();
  const deadline = began + graceMs;
  let first: string | undefined;
  for (;;) {
    // Let close callbacks and child 'exit' events run before looking.
    await new Promise((resolve) => setImmediate(resolve));
    const left = whatIsLeft();
    if (left.handles.length + left.requests.length + left.timers === 0) {
      const pending = process.env.LEAKS_TRACE === '1' ? unreferencedTimers() : [];
      if (pending.length)
        console.log(['  (unreferenced timers still pending at the end)', ...pending].join('\n'));
      // Something closed late (after its suite's after hook): worth a look, not a failure.
      if (first && Date.now() - began > 500)
        console.log(`  (leak check waited ${Date.now() - began} ms for: ${first})`);
      return;
    }
    first ??= [...left.handles, ...left.requests]
      .map(describe)
      .concat(left.timers ? [`${left.timers} timer(s)`] : [])
      .join(', ');
    if (Date.now() > deadline) {
      console.error(report(left));
      // Mocha would otherwise wait for these forever; a leak is a failed run.
      process.exit(Math.max(1, Number(process.exitCode) || 0));
    }
    // Referenced on purpose: with only unreferenced work left, Node would end the process here
    // with exit code 0, before mocha sets the failure count as the exit code.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
