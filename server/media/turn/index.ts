// Which TURN relay this process hands out: the operator's own (TURN_URLS + TURN_SECRET), or a
// coturn it starts itself. Without either (no coturn installed), media goes direct only.
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import { Supervisor } from '../../platform/supervisor.ts';
import { coturnAvailable, startCoturn, type Coturn } from './coturn.ts';
import { turnService, type TurnService } from './credentials.ts';

export interface TurnRelay {
  service: TurnService | undefined;
  /** The coturn this process runs, if any (stopped with the server). */
  coturn: Coturn | undefined;
  /** Restarts that coturn when it dies, on its port and with its secret. */
  supervisor?: Supervisor<Coturn>;
}

/** The port in a turn: URL (`turn:host:3478?transport=udp`). */
const portOf = (url: string) => Number(/:(\d+)(?:\?|$)/.exec(url)?.[1] ?? 0);

/** Where browsers reach the relay: the SFU's announced address, else its listen address. */
function publicHost(config: Config): string {
  const { listenIp, announcedAddress } = config.sfu;
  if (announcedAddress) return announcedAddress;
  if (listenIp !== '0.0.0.0' && listenIp !== '::') return listenIp;
  return new URL(config.publicUrl).hostname;
}

export async function startTurn(
  config: Config,
  log: Logger,
  extra: { allowLoopbackPeers?: boolean } = {},
): Promise<TurnRelay> {
  const { external, port, relayPorts, ttlSeconds } = config.turn;
  if (external) {
    log.info({ urls: external.urls }, 'TURN: external relay');
    return { service: turnService(external.urls, external.secret, ttlSeconds), coturn: undefined };
  }
  if (!coturnAvailable()) {
    log.warn(
      'TURN: no coturn installed (Debian package coturn): families behind strict firewalls cannot connect',
    );
    return { service: undefined, coturn: undefined };
  }
  const options = {
    listenIp: config.sfu.listenIp,
    externalIp: config.sfu.announcedAddress,
    publicHost: publicHost(config),
    relayPorts,
    dir: join(config.dataDir, 'turn'),
    // The SFU may listen on a private address: coturn must still relay to it.
    allowedPeers: [config.sfu.listenIp, config.sfu.announcedAddress ?? ''].filter(
      (ip) => ip && ip !== '0.0.0.0' && ip !== '::',
    ),
    ...extra,
  };
  let first: Coturn;
  try {
    first = await startCoturn({ ...options, port });
  } catch (error) {
    // Outside production a busy 3478 (another instance, a system coturn) is no reason to stop.
    if (config.env === 'production' || port === 0) throw error;
    log.warn({ err: error, port }, 'TURN: port taken, using a free one');
    first = await startCoturn({ ...options, port: 0 });
  }
  log.info({ urls: first.urls, log: first.logFile }, 'TURN: coturn started');
  // A coturn that dies is started again on the same port with the same secret, so the
  // credentials already handed out keep working (server/platform/supervisor.ts).
  const again = { ...options, port: portOf(first.urls[0] ?? ''), secret: first.secret };
  let starts = 0;
  const supervisor = new Supervisor<Coturn>({
    name: 'turn',
    start: async () => (starts++ === 0 ? first : startCoturn(again)),
    pauseMs: 200,
    maxPauseMs: 10_000,
    maxRestarts: 5,
    windowMs: 5 * 60_000,
    wayOut: `coturn keeps failing: its output is in ${first.logFile}. Set TURN_URLS and TURN_SECRET to use another relay.`,
    log,
  });
  await supervisor.start();
  const coturn: Coturn = {
    ...first,
    get process() {
      return supervisor.current?.process ?? first.process;
    },
    stop: () => supervisor.stop(),
  };
  return { service: turnService(first.urls, first.secret, ttlSeconds), coturn, supervisor };
}
