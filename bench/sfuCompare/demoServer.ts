// The official mediasoup-demo server (v3) as an external program: run from a checkout the user
// provides in MEDIASOUP_DEMO_DIR, never copied into this repository. Its own config.example.js
// is used, with only what a loopback bench needs changed (127.0.0.1, free ports, a throwaway
// certificate, the worker count), through a preload that answers its `require('./config')`:
// the checkout stays as cloned.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../server/platform/paths.ts';
import { freePort, waitForPort } from '../../server/platform/ports.ts';
import { workersOf } from './processCpu.ts';

export const DEMO_HOWTO = [
  'set MEDIASOUP_DEMO_DIR to a checkout of https://github.com/versatica/mediasoup-demo (branch v3)',
  'with its server dependencies installed:',
  '  git clone --depth 1 -b v3 https://github.com/versatica/mediasoup-demo /path/to/mediasoup-demo',
  '  cd /path/to/mediasoup-demo/server',
  '  # the same mediasoup as Rinnalla (its own `github:` dependency builds a worker); rtp.js is unused',
  "  npm pkg set dependencies.mediasoup=3.19.3 && npm pkg delete 'dependencies[rtp.js]'",
  '  npm install --omit=dev --ignore-scripts',
  'then `MEDIASOUP_DEMO_DIR=/path/to/mediasoup-demo BENCH_ONLY=sfu-compare npm run bench`',
  '(the demo runs with the worker Rinnalla provisions, MEDIASOUP_WORKER_BIN).',
].join('\n');

/** The demo's server/ folder, or why it cannot be used (with DEMO_HOWTO to follow). */
export function demoServerDir(): { dir: string } | { problem: string } {
  const root = process.env.MEDIASOUP_DEMO_DIR;
  if (!root) return { problem: 'MEDIASOUP_DEMO_DIR is not set' };
  const dir = existsSync(join(root, 'server', 'server.js')) ? join(root, 'server') : root;
  if (!existsSync(join(dir, 'server.js')) || !existsSync(join(dir, 'config.example.js')))
    return { problem: `no mediasoup-demo server (server.js, config.example.js) in ${root}` };
  const pkg = join(dir, 'node_modules', 'mediasoup', 'package.json');
  if (!existsSync(pkg) || !existsSync(join(dir, 'node_modules', 'protoo-server')))
    return { problem: `the demo's server dependencies are not installed in ${dir}` };
  if (!process.env.MEDIASOUP_WORKER_BIN)
    return { problem: 'MEDIASOUP_WORKER_BIN is not set (run through `npm run bench`)' };
  const ours = packageVersion(join(projectRoot, 'node_modules', 'mediasoup', 'package.json'));
  if (packageVersion(pkg) !== ours)
    return { problem: `the demo has mediasoup ${packageVersion(pkg)}; the worker is ${ours}'s` };
  return { dir };
}

const packageVersion = (path: string) =>
  (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;

/** Replaces the demo's `require('./config')` with its example config, changed for loopback. */
const CONFIG_PRELOAD = `
const Module = require('module');
const path = require('path');
const { serverDir, port, rtcPort, workers, cert, key, benchPid } = JSON.parse(process.env.BENCH_DEMO);
// Gone with the bench, even when the bench could not stop it (killed, its output pipe closed).
setInterval(() => {
  try { process.kill(benchPid, 0); } catch { process.exit(0); }
}, 1000).unref();
const examplePath = path.join(serverDir, 'config.example.js');
const config = require(examplePath);
config.https.listenIp = '127.0.0.1';
config.https.listenPort = port;
config.https.tls = { cert, key };
config.mediasoup.numWorkers = workers;
for (const info of config.mediasoup.webRtcServerOptions.listenInfos) {
  info.ip = '127.0.0.1';
  info.announcedAddress = undefined;
  info.port = rtcPort;
}
for (const info of config.mediasoup.webRtcTransportOptions.listenInfos) info.ip = '127.0.0.1';
config.mediasoup.plainTransportOptions.listenInfo.ip = '127.0.0.1';
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (/^\\.\\.?\\/config$/.test(request) && parent && parent.filename.startsWith(serverDir))
    return examplePath;
  return resolve.call(this, request, parent, ...rest);
};
`;

/** Whether a port is free for both UDP and TCP on 127.0.0.1 (a WebRtcServer takes both). */
async function freeForBoth(port: number): Promise<boolean> {
  const tcp = await new Promise<boolean>((resolve) => {
    const server = createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
  if (!tcp) return false;
  return new Promise<boolean>((resolve) => {
    const socket = createSocket('udp4').once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

/** A first port such that it and the next `count - 1` are free (the demo adds 1 per worker). */
async function freePortRun(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const first = 20_000 + Math.floor(Math.random() * 20_000);
    let ok = true;
    for (let i = 0; i < count && ok; i += 1) ok = await freeForBoth(first + i);
    if (ok) return first;
  }
  throw new Error('no run of free ports for the demo WebRtcServers');
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Waits for the demo's workers to go (so none burns CPU in the next measurement). */
async function reaped(pids: number[]): Promise<void> {
  for (let waited = 0; waited < 5_000 && pids.some(alive); waited += 100)
    await new Promise((resolve) => setTimeout(resolve, 100));
  for (const pid of pids.filter(alive)) process.kill(pid, 'SIGKILL');
}

export interface RunningDemo {
  child: ChildProcess;
  /** wss:// base of its protoo server (self-signed certificate). */
  wsUrl: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startDemoServer(serverDir: string, workers: number): Promise<RunningDemo> {
  const dir = mkdtempSync(join(tmpdir(), 'rinnalla-bench-demo-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  // A throwaway certificate for its HTTPS/WSS server (the browsers ignore certificate errors).
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1',
  ], { stdio: 'ignore' }); // prettier-ignore
  const preload = join(dir, 'config-preload.cjs');
  writeFileSync(preload, CONFIG_PRELOAD);
  const port = await freePort();
  const rtcPort = await freePortRun(workers);
  const child = spawn(process.execPath, ['--require', preload, 'server.js'], {
    cwd: serverDir,
    env: {
      ...process.env,
      BENCH_DEMO: JSON.stringify({
        ...{ serverDir, port, rtcPort, workers, cert, key },
        benchPid: process.pid,
      }),
      DEBUG: '*WARN* *ERROR*',
      INTERACTIVE: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stop = async () => {
    const workers = child.pid ? workersOf(child.pid) : [];
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM'); // it has no handler: it exits, and its workers when their pipes close
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    await reaped(workers);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(port, 30_000, () => child.exitCode !== null);
  } catch (error) {
    await stop();
    throw new Error(`the mediasoup-demo server did not start: ${String(error)}\n${output}`);
  }
  return { child, wsUrl: `wss://127.0.0.1:${port}`, output: () => output, stop };
}
