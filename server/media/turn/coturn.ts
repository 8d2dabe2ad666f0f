// Runs Debian's coturn as a child of the server when no external TURN is configured: a relay
// for families behind firewalls that let no UDP/TCP through to the SFU's own ports. A plain
// function returning {urls, secret, stop, process}, so a supervisor can restart it.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, isIP } from 'node:net';
import { join } from 'node:path';

export interface CoturnOptions {
  /** turnserver binary (default TURNSERVER_BIN, else Debian's /usr/bin/turnserver). */
  bin?: string;
  /** Address coturn listens on and relays from (the SFU's listen address). */
  listenIp: string;
  /** Public address in front of `listenIp` (behind NAT), put into relayed candidates. */
  externalIp?: string | undefined;
  /** Host put into the turn: URLs handed to browsers. */
  publicHost: string;
  /** Listening port (UDP and TCP); 0 = a free one. */
  port: number;
  /** Relay ports, inclusive. */
  relayPorts: { min: number; max: number };
  /** The log file and the private config go here. */
  dir: string;
  realm?: string;
  /** Addresses coturn may relay to even in the private ranges it otherwise refuses (the SFU). */
  allowedPeers?: string[];
  /**
   * TESTS ONLY: relay to 127.0.0.1, where the test's SFU listens. coturn refuses loopback peers
   * by default, and production keeps that (a relay into the server's own loopback services
   * would be an open door); production also refuses the private ranges below.
   */
  allowLoopbackPeers?: boolean;
  /**
   * The shared secret; default a fresh random one. A supervisor restarting a crashed coturn
   * passes the previous `secret` and port, so credentials already handed out keep working.
   */
  secret?: string;
  startTimeoutMs?: number;
}

export interface Coturn {
  urls: string[];
  secret: string;
  process: ChildProcess;
  logFile: string;
  /** Resolves when the process has exited (for whoever supervises it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

/** Private, link-local, CGNAT and other non-public ranges a relay must not reach (RFC 6890). */
const DENIED_PEERS = [
  '0.0.0.0-0.255.255.255',
  '10.0.0.0-10.255.255.255',
  '100.64.0.0-100.127.255.255',
  '169.254.0.0-169.254.255.255',
  '172.16.0.0-172.31.255.255',
  '192.0.0.0-192.0.0.255',
  '192.168.0.0-192.168.255.255',
  '198.18.0.0-198.19.255.255',
  '240.0.0.0-255.255.255.255',
  '::1',
  'fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
  'fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
];

export function turnserverBin(): string {
  return process.env.TURNSERVER_BIN ?? '/usr/bin/turnserver';
}

/** True when a turnserver binary is there to start. */
export function coturnAvailable(bin: string = turnserverBin()): boolean {
  return existsSync(bin);
}

function udpFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket(isIP(host) === 6 ? 'udp6' : 'udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, host, () => socket.close(() => resolve(true)));
  });
}

function tcpFree(port: number, host: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, host, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A port free for both TCP and UDP on `host` a moment ago (coturn listens on both). Checked
 * before starting because coturn binds with SO_REUSEPORT: a second coturn on a taken port starts
 * "fine" and the two then split the traffic, each refusing the other's credentials.
 */
async function freeTurnPort(host: string, wanted: number): Promise<number> {
  for (let attempt = 0; attempt < (wanted ? 1 : 20); attempt += 1) {
    const port = await tcpFree(wanted, host);
    if (port && (await udpFree(port, host))) return port;
  }
  throw new Error(wanted ? `port ${wanted} is taken` : 'no free port for coturn');
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function configLines(options: CoturnOptions, port: number, secret: string, logFile: string) {
  const { listenIp, externalIp } = options;
  const anyAddress = listenIp === '0.0.0.0' || listenIp === '::';
  return [
    `listening-port=${port}`,
    ...(anyAddress ? [] : [`listening-ip=${listenIp}`, `relay-ip=${listenIp}`]),
    ...(externalIp && isIP(externalIp) && externalIp !== listenIp
      ? [`external-ip=${externalIp}${anyAddress ? '' : `/${listenIp}`}`]
      : []),
    `min-port=${options.relayPorts.min}`,
    `max-port=${options.relayPorts.max}`,
    'use-auth-secret',
    `static-auth-secret=${secret}`,
    `realm=${options.realm ?? 'rinnalla'}`,
    'fingerprint',
    'no-cli',
    'no-tls',
    'no-dtls',
    // Browsers relay UDP to the SFU; TCP relaying (RFC 6062) is not used by WebRTC.
    'no-tcp-relay',
    'no-multicast-peers',
    'no-software-attribute',
    'stale-nonce=600',
    `log-file=${logFile}`,
    'simple-log',
    `pidfile=${logFile.replace(/\.log$/, '.pid')}`,
    'no-stdout-log',
    // Its own user database (unused with use-auth-secret), not /var/lib/turn: no root needed.
    `userdb=${join(options.dir, 'turndb')}`,
    ...(options.allowLoopbackPeers
      ? ['allow-loopback-peers']
      : DENIED_PEERS.map((range) => `denied-peer-ip=${range}`)),
    ...(options.allowedPeers ?? []).filter((ip) => isIP(ip)).map((ip) => `allowed-peer-ip=${ip}`),
  ];
}

function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
  child.kill('SIGTERM');
  return exited.then(() => clearTimeout(kill));
}

/** Starts coturn and waits until it accepts connections on its port. */
export async function startCoturn(options: CoturnOptions): Promise<Coturn> {
  const bin = options.bin ?? turnserverBin();
  if (!existsSync(bin)) throw new Error(`no turnserver at ${bin} (Debian package coturn)`);
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const listenHost = ['0.0.0.0', '::'].includes(options.listenIp) ? '127.0.0.1' : options.listenIp;
  const port = await freeTurnPort(options.listenIp, options.port);
  // Random per server start unless given; it stays out of the command line (ps).
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  // Named by port (and the config by process too): several server processes may share one data
  // directory, and a coturn restarted on the same port appends to the same log.
  const logFile = join(options.dir, `turnserver-${port}.log`);
  const configFile = join(options.dir, `turnserver-${port}-${process.pid}.conf`);
  writeFileSync(configFile, `${configLines(options, port, secret, logFile).join('\n')}\n`, {
    mode: 0o600,
  });
  const child = spawn(bin, ['-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  child.once('error', (error) => (output += `\n${error.message}`));
  const deadline = Date.now() + (options.startTimeoutMs ?? 15_000);
  while (!(await accepts(listenHost, port))) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await stopChild(child, exited);
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '';
      throw new Error(`coturn did not start on port ${port}:\n${output}\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  // Read at start only: the secret is not left on disk.
  rmSync(configFile, { force: true });
  const host = isIP(options.publicHost) === 6 ? `[${options.publicHost}]` : options.publicHost;
  return {
    urls: [`turn:${host}:${port}?transport=udp`, `turn:${host}:${port}?transport=tcp`],
    secret,
    process: child,
    logFile,
    exited,
    stop: () => stopChild(child, exited),
  };
}
