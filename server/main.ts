// Start-up: config → database → SFU → seed → app → listen; and a clean shutdown on Ctrl-C.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Sfu } from '../sfu/index.ts';
import { createApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { connectMongoose, disconnectMongoose } from './db/connect.ts';
import { migrate } from './db/migrations.ts';
import { warmCatalogue } from './groups/catalogue.ts';
import './chat/migrations.ts';
import './groups/migrations.ts';
import './reminders/migrations.ts';
import './supervision/migrations.ts';
import './reach/migrations.ts';
import './calendar/migrations.ts';
import './training/migrations.ts';
import './live/migrations.ts';
import './people/migrations.ts';
import './audit/migrations.ts';
import './referrals/migrations.ts';
import { announceDatabase } from './db/announce.ts';
import { startDatabase } from './db/engine.ts';
import { watchDatabase } from './db/availability.ts';
import { onPartChange } from './platform/parts.ts';
import { createLogger } from './log.ts';
import { startTurn } from './media/turn/index.ts';
import { backgroundSettled } from './platform/afterResponse.ts';
import { createMailer } from './mail/mailer.ts';
import { ReminderRunner } from './reminders/runner.ts';
import { RefresherReminders } from './training/refresher.ts';
import { ReferralReminders } from './referrals/reminders.ts';
import { QuietPairings } from './alongside/care.ts';
import { AppointmentReminders } from './alongside/appointmentReminders.ts';
import { ExpirySweep } from './auth/expiry.ts';
import './people/seed.ts';
import './groups/seed.ts';
import './alongside/seed.ts';
import { demoStatus, seedOnFirstRun } from './seed/index.ts';

export async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Said plainly, without a stack trace: the operator has a variable to set.
    console.error(`\n✖ ${error.message}\n`);
    process.exit(1);
  }
  const log = createLogger(config.logLevel);
  /** How long stopping may take before the process ends anyway. */
  const SHUTDOWN_DEADLINE_MS = 10_000;
  /** What stopping undoes, named so that a step that hangs is named in the log. */
  const cleanups: { name: string; run: () => Promise<void> | void }[] = [];
  const onStop = (name: string, run: () => Promise<void> | void) => cleanups.push({ name, run });
  /** Run at once on a signal, before anything is awaited (e.g. no replacing of workers). */
  const urgent: (() => void)[] = [];
  /** Run when stopping takes too long, just before the process ends (no child left behind). */
  const lastResort: (() => void)[] = [];
  let stopping = false;
  const shutdown = async (reason: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    for (const step of urgent) step();
    log.info({ reason }, 'shutting down');
    // A step that hangs must not keep a stopping process alive (a supervisor or a deploy waits
    // on its exit): after the deadline it ends anyway, naming the step it was waiting for.
    let waitingFor = '';
    const deadline = setTimeout(() => {
      log.error({ step: waitingFor }, `shutdown still waiting after ${SHUTDOWN_DEADLINE_MS} ms`);
      for (const step of lastResort) step();
      log.flush();
      process.exit(code || 1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    for (const cleanup of cleanups.reverse()) {
      waitingFor = cleanup.name;
      try {
        await cleanup.run();
      } catch (error) {
        log.warn({ err: error }, 'shutdown step failed');
      }
    }
    log.flush();
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    const database = await startDatabase({
      uri: config.mongodbUri,
      dataDir: join(config.dataDir, 'db'),
      log,
    });
    onStop('database', () => database.stop());
    lastResort.push(() => database.supervisor?.killNow());
    // `npm run backup` finds the embedded database here while the server runs.
    if (database.kind !== 'external')
      onStop('database announcement', announceDatabase(join(config.dataDir, 'db'), database.uri));
    log.info(
      { database: database.kind, pid: database.pid },
      `database: ${database.description}${database.supervisor ? ' (restarted if it dies)' : ''}`,
    );
    await connectMongoose(database.uri, config.mongodbDb);
    onStop('database connection', () => disconnectMongoose());
    // With MONGODB_URI only watched (its restart or failover ridden out), never supervised.
    const databaseWatch = watchDatabase(log, database.supervisor);
    urgent.push(() => databaseWatch.stop());
    await migrate((line) => console.log(`  ${line}…`));
    // While the SFU and the app start (with thousands of groups it takes a moment).
    warmCatalogue().catch((error: unknown) => log.warn({ err: error }, 'catalogue not read yet'));

    const sfu = await Sfu.start(config.sfu);
    onStop('SFU', () => sfu.close());
    // A terminal's Ctrl-C reaches the workers too: they must not be replaced while stopping.
    urgent.push(() => sfu.pool.close());
    sfu.pool.on('workerDied', ({ slot, pid, error }) =>
      log.error({ slot, pid, err: error }, 'mediasoup worker died'),
    );
    sfu.pool.on('workerReplaced', ({ slot, pid }) =>
      log.warn({ slot, pid }, 'mediasoup worker replaced'),
    );
    sfu.pool.on('replaceFailed', ({ slot, error }) =>
      log.error({ slot, err: error }, 'mediasoup worker could not be replaced'),
    );
    log.info({ workers: config.sfu.workers }, 'SFU ready');

    // TURN after the SFU: it relays to the SFU's addresses. Stopped after the app has closed.
    const turn = await startTurn(config, log);
    if (turn.coturn) onStop('TURN relay', () => turn.coturn?.stop());

    const seeded = config.seedDemoData
      ? await seedOnFirstRun(log, (step) => console.log(`  seeding demo data: ${step}…`))
      : [];

    const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log });
    // After the app has closed: emails still being delivered finish before the database goes.
    onStop('background work (emails)', () => backgroundSettled());
    const app = createApp({ config, log, sfu, mailer, turn: turn.service });
    const port = await app.listen(config.port, config.host);
    onStop('app (HTTP, sockets)', () => app.close());
    log.info({ port }, 'listening');
    // Links in emails and calendars lead to where the server really listens (PORT=0 picks one).
    if (!config.publicUrlGiven) config.publicUrl = `http://localhost:${port}`;

    const reminders = new ReminderRunner({ mailer, log, publicUrl: config.publicUrl });
    reminders.start();
    onStop('session reminders', () => reminders.stop());
    // Back from an outage: what fell due meanwhile goes out now (claims keep it exactly once).
    const stopResuming = onPartChange((part, up) => {
      if (part === 'database' && up)
        void reminders.runDue().catch((error: unknown) => log.warn({ err: error }, 'reminders'));
    });
    onStop('outage watch', stopResuming);
    const sweeps = [RefresherReminders, ReferralReminders, QuietPairings, AppointmentReminders];
    for (const Sweep of sweeps) {
      const sweep = new Sweep({ mailer, log, publicUrl: config.publicUrl });
      sweep.start();
      onStop(Sweep.name, () => sweep.stop());
    }
    const expiry = new ExpirySweep({ log });
    expiry.start(10 * 60_000);
    onStop('expiry sweep', () => expiry.stop());

    console.log(`\n  Rinnalla is running at ${config.publicUrl}\n`);
    for (const line of config.seedDemoData ? await demoStatus(seeded) : [])
      console.log(`  ${line}`);
    console.log('  Press Ctrl-C to stop.\n');
  } catch (error) {
    log.error({ err: error }, 'start-up failed');
    console.error(`\n✖ ${(error as Error).message}\n`);
    await shutdown('start-up failed', 1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
