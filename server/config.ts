// The environment, validated once at start-up. .env.example documents every variable.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { projectRoot } from './platform/paths.ts';
import { DEVELOPMENT_ID_SECRET } from './privacy/opaqueId.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default(join(projectRoot, 'data')),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb://')
    .optional(),
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}$/)
    .default('rinnalla'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SFU_WORKERS: z.coerce.number().int().min(0).max(64).default(0),
  SFU_LISTEN_IP: z.string().min(1).default('127.0.0.1'),
  SFU_ANNOUNCED_ADDRESS: z.string().min(1).optional(),
  SFU_RTC_PORT: z.coerce.number().int().min(0).max(65000).default(40000),
  /** Consumers one worker is taken to carry; a room spreads past SFU_ROOM_SHARE of it. */
  SFU_CONSUMERS_PER_WORKER: z.coerce.number().int().min(1).default(500),
  SFU_ROOM_SHARE: z.coerce.number().gt(0).max(1).default(0.5),
  LIVE_RECONNECT_GRACE_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  // Several processes (REDIS_URL): this one's own address for live sockets, the lease on the
  // sessions it hosts (SIGTERM hands them over to the other processes at once).
  RINNALLA_NODE_URL: z.url().optional(),
  LIVE_LEASE_MS: z.coerce.number().int().min(500).max(60_000).default(4000),
  CHAT_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  SOCKETS_PER_PERSON: z.coerce.number().int().min(1).max(1000).default(12),
  SOCKETS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(300),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  TURN_URLS: z
    .string()
    .regex(/^turns?:[^,\s]+(,turns?:[^,\s]+)*$/, 'comma-separated turn: or turns: URLs')
    .optional(),
  TURN_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  TURN_PORT: z.coerce.number().int().min(0).max(65535).default(3478),
  TURN_RELAY_PORTS: z
    .string()
    .regex(/^\d{4,5}-\d{4,5}$/, 'a range like 49160-49999')
    .default('49160-49999'),
  TURN_CREDENTIAL_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  SEED_DEMO_DATA: bool.optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Rinnalla <no-reply@rinnalla.localhost>'),
  RATE_LIMIT_AUTH: z.coerce.number().int().min(1).default(100),
  RATE_LIMIT_WRITE_IP: z.coerce.number().int().min(1).default(1000),
  RATE_LIMIT_WRITE_ACCOUNT: z.coerce.number().int().min(1).default(300),
  ID_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
});

export type Env = z.infer<typeof schema>;

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  /** Where people reach the platform: links in emails and calendars, allowed origins. */
  publicUrl: string;
  /** PUBLIC_URL was set; otherwise the URL follows the port the server really listens on. */
  publicUrlGiven: boolean;
  dataDir: string;
  mongodbUri: string | undefined;
  mongodbDb: string;
  logLevel: Env['LOG_LEVEL'];
  clientDistDir: string;
  seedDemoData: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Requests per 15 minutes. */
  rateLimits: { authPerIp: number; writePerIp: number; writePerAccount: number };
  sfu: {
    workers: number;
    listenIp: string;
    announcedAddress: string | undefined;
    rtcPort: number;
    consumersPerWorker: number;
    roomShareOfWorker: number;
  };
  /** How long a dropped live-session connection keeps its place. */
  liveGraceMs: number;
  /** RINNALLA_NODE_URL: where browsers reach this very process (server/live/ownership.ts). */
  nodeUrl: string | undefined;
  liveLeaseMs: number;
  /** Chat messages one person may send per minute. */
  chatPerMinute: number;
  /** Open sockets one person, and one network address, may have (per process). */
  socketCaps: { perPerson: number; perAddress: number };
  /** Several server processes share Socket.IO rooms and presence through this Redis. */
  redisUrl: string | undefined;
  /** Keys the HMAC of ids built from other ids (privacy/opaqueId.ts). */
  idSecret: string;
  /**
   * TURN relay. `external`: an operator's own coturn (TURN_URLS + TURN_SECRET); otherwise
   * `npm start` runs coturn itself on `port` with relays in `relayPorts` (server/media/turn).
   */
  turn: {
    external: { urls: string[]; secret: string } | undefined;
    port: number;
    relayPorts: { min: number; max: number };
    ttlSeconds: number;
  };
  /** Bearer token a Prometheus scraper shows at /metrics; unset: /metrics is refused. */
  metricsToken: string | undefined;
}

export class ConfigError extends Error {}

/** Reads `.env` (when present) under the real environment, then validates. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const envFile = join(projectRoot, '.env');
  if (environment === process.env && existsSync(envFile)) process.loadEnvFile(envFile);
  const parsed = schema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `  ${i.path.join('.')}: ${i.message}`)
      .join('\n');
    throw new ConfigError(`Invalid configuration (see .env.example):\n${problems}`);
  }
  const env = parsed.data;
  // A known default would let anyone recompute which person an id stands for.
  if (env.NODE_ENV === 'production' && !env.ID_SECRET)
    throw new ConfigError(
      'Invalid configuration (see .env.example):\n  ID_SECRET: required in production',
    );
  // Without SMTP every email — password-reset links too — would land in the development outbox.
  if (env.NODE_ENV === 'production' && !env.SMTP_URL)
    throw new ConfigError(
      'Invalid configuration (see .env.example):\n  SMTP_URL: required in production (without it emails would go to the development outbox instead of being sent)',
    );
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    publicUrlGiven: env.PUBLIC_URL !== undefined,
    dataDir: resolve(env.DATA_DIR),
    mongodbUri: env.MONGODB_URI,
    mongodbDb: env.MONGODB_DB,
    logLevel: env.LOG_LEVEL,
    clientDistDir: join(projectRoot, 'client', 'dist'),
    seedDemoData: env.SEED_DEMO_DATA ?? env.NODE_ENV !== 'production',
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    rateLimits: {
      authPerIp: env.RATE_LIMIT_AUTH,
      writePerIp: env.RATE_LIMIT_WRITE_IP,
      writePerAccount: env.RATE_LIMIT_WRITE_ACCOUNT,
    },
    sfu: {
      workers: env.SFU_WORKERS || availableParallelism(),
      listenIp: env.SFU_LISTEN_IP,
      announcedAddress: env.SFU_ANNOUNCED_ADDRESS,
      rtcPort: env.SFU_RTC_PORT,
      consumersPerWorker: env.SFU_CONSUMERS_PER_WORKER,
      roomShareOfWorker: env.SFU_ROOM_SHARE,
    },
    liveGraceMs: env.LIVE_RECONNECT_GRACE_SECONDS * 1000,
    nodeUrl: env.RINNALLA_NODE_URL,
    liveLeaseMs: env.LIVE_LEASE_MS,
    chatPerMinute: env.CHAT_MESSAGES_PER_MINUTE,
    socketCaps: { perPerson: env.SOCKETS_PER_PERSON, perAddress: env.SOCKETS_PER_ADDRESS },
    redisUrl: env.REDIS_URL,
    idSecret: env.ID_SECRET ?? DEVELOPMENT_ID_SECRET,
    turn: turnConfig(env),
    metricsToken: env.METRICS_TOKEN,
  };
}

function turnConfig(env: Env): Config['turn'] {
  if (!!env.TURN_URLS !== !!env.TURN_SECRET)
    throw new ConfigError(
      'Invalid configuration (see .env.example):\n  TURN_URLS and TURN_SECRET: set both or neither',
    );
  const [min = 0, max = 0] = env.TURN_RELAY_PORTS.split('-').map(Number);
  if (min < 1024 || max > 65535 || min > max)
    throw new ConfigError(
      'Invalid configuration (see .env.example):\n  TURN_RELAY_PORTS: low-high within 1024-65535',
    );
  return {
    external:
      env.TURN_URLS && env.TURN_SECRET
        ? { urls: env.TURN_URLS.split(','), secret: env.TURN_SECRET }
        : undefined,
    port: env.TURN_PORT,
    relayPorts: { min, max },
    ttlSeconds: env.TURN_CREDENTIAL_TTL_SECONDS,
  };
}
