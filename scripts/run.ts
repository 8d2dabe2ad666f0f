// What `npm start`, `npm test` and `npm run bench` do once the dependencies are installed
// (scripts/bootstrap.mjs saw to that): provision, build, then serve, test or measure.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { projectRoot, toolCacheDir } from '../server/platform/paths.ts';
import { exec } from './lib/exec.ts';
import { describeFailure } from './lib/failure.ts';
import { runShards } from './lib/testShards.ts';
import { createSteps, type Step, type Steps } from './lib/progress.ts';
import { openStepLog, type StepLog } from './lib/stepLog.ts';
import { provisionBrowser } from './provision/browser.ts';
import { provisionCoturn } from './provision/coturn.ts';
import { buildClient } from './provision/clientBuild.ts';
import { provisionDatabase } from './provision/database.ts';
import { installForMediasoup, provisionMediasoupWorker } from './provision/mediasoupWorker.ts';
import { provisionNetworkTools } from './provision/networkTools.ts';
import { provisionPostgres } from './provision/postgres.ts';
import { provisionRedis } from './provision/redis.ts';

const [mode = 'start', ...args] = process.argv.slice(2);
const bin = (pkg: string, path: string) => join(projectRoot, 'node_modules', pkg, path);

type Report = (message: string) => void;
interface StepContext {
  cacheDir: string;
  report: Report;
  log: StepLog;
}
const logDir = join(toolCacheDir(), 'logs');

/** Runs one provisioning step with its own log; a failure prints one paragraph and exits. */
async function attempt<T>(
  name: string,
  report: Report,
  work: (context: StepContext) => Promise<T>,
): Promise<T> {
  const log = openStepLog(logDir, name);
  try {
    return await work({ cacheDir: toolCacheDir(), report, log });
  } catch (error) {
    log.write(error instanceof Error ? (error.stack ?? error.message) : String(error));
    console.error(`\n✖ ${describeFailure(error, log.path)}\n`);
    process.exit(1);
  }
}

const provisioners = {
  async worker(step: Step) {
    const worker = await attempt('mediasoup-worker', step.info, provisionMediasoupWorker);
    process.env.MEDIASOUP_WORKER_BIN = worker.bin;
    installForMediasoup(worker.bin);
    step.done(worker.source);
  },
  async database(step: Step) {
    step.done(await attempt('database', step.info, provisionDatabase));
  },
  async browser(step: Step) {
    process.env.CHROME_PATH = await attempt('browser', step.info, (c) =>
      provisionBrowser(c.report, c.log),
    );
    step.done(process.env.CHROME_PATH);
  },
  async redis(step: Step) {
    const redis = await attempt('redis', step.info, (c) => provisionRedis(c.report, c.log));
    if (redis) process.env.REDIS_SERVER_BIN = redis;
    step.done(redis ?? 'not available: multi-process tests will say so and fail');
  },
  async coturn(step: Step) {
    const turn = await attempt('coturn', step.info, (c) => provisionCoturn(c.report, c.log));
    if (turn) process.env.TURNSERVER_BIN = turn;
    step.done(turn ?? 'not available: no TURN relay unless TURN_URLS is set; [scale-4] will fail');
  },
  async postgres(step: Step) {
    const bin = await attempt('postgres', step.info, (c) => provisionPostgres(c.report, c.log));
    if (bin) process.env.POSTGRES_BIN_DIR = bin;
    step.done(bin ?? 'not available: the [speed-pg] test and the dbBackends bench will fail');
  },
  async network(step: Step) {
    step.done(
      await attempt('network-tools', step.info, (c) => provisionNetworkTools(c.report, c.log)),
    );
  },
  async client(step: Step) {
    step.done(await attempt('client-build', step.info, (c) => buildClient(c.report, c.log)));
  },
};
type Provisioner = keyof typeof provisioners;
const titles: Record<Provisioner, string> = {
  worker: 'mediasoup worker',
  database: 'database',
  browser: 'browser for tests',
  redis: 'Redis for multi-process tests',
  coturn: 'TURN relay (coturn)',
  postgres: 'PostgreSQL for FerretDB (tests, bench)',
  network: 'network tools for the weak-link test',
  client: 'client build',
};

async function provision(steps: Steps, which: Provisioner[]) {
  for (const name of which) await provisioners[name](steps.step(titles[name]));
}
const forServer: Provisioner[] = ['worker', 'database', 'coturn', 'client'];
const forTests: Provisioner[] = [
  'worker',
  'database',
  'browser',
  'redis',
  'coturn',
  'postgres',
  'network',
  'client',
];

/**
 * How many mocha processes share the whole suite (RINNALLA_TEST_SHARDS; by default one per core,
 * at most two): one for a focused run (--grep, or files named).
 */
function testShards(mochaArgs: string[]): number {
  const focused = mochaArgs.some((arg) => /\.ts$|^(-g|--grep|--fgrep)/.test(arg));
  if (focused) return 1;
  return Number(process.env.RINNALLA_TEST_SHARDS ?? Math.min(2, availableParallelism()));
}

/** Runs a node tool in the foreground with inherited output; resolves to its exit code. */
function runNode(script: string, scriptArgs: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...scriptArgs], {
      cwd: projectRoot,
      stdio: 'inherit',
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function checkStatic(steps: Steps) {
  let step = steps.step('lint and format (eslint, prettier)');
  const eslint = await exec(process.execPath, [bin('eslint', 'bin/eslint.js'), '.'], {
    cwd: projectRoot,
  });
  const prettier = await exec(
    process.execPath,
    [bin('prettier', 'bin/prettier.cjs'), '--check', '.', '--log-level', 'warn'],
    {
      cwd: projectRoot,
    },
  );
  if (eslint.code !== 0 || prettier.code !== 0) {
    console.error(eslint.output + prettier.output);
    console.error('✖ lint failed (`npm run format` fixes formatting)');
    process.exit(1);
  }
  step.done();
  step = steps.step('typecheck (tsc)');
  for (const project of ['tsconfig.json', 'test/e2e/tsconfig.json', 'client/tsconfig.json']) {
    const tsc = await exec(
      process.execPath,
      [bin('typescript', 'bin/tsc'), '-p', project, '--noEmit'],
      { cwd: projectRoot },
    );
    if (tsc.code !== 0) {
      console.error(tsc.output);
      console.error(`✖ typecheck failed (${project})`);
      process.exit(1);
    }
  }
  step.done();
}

if (mode === 'start') {
  const steps = createSteps(forServer.length + 1);
  await provision(steps, forServer);
  steps.step('server');
  const { main } = await import('../server/main.ts');
  await main();
} else if (mode === 'test') {
  const focused = args.some((arg) => arg === '--grep' || arg === '-g' || arg.startsWith('--grep='));
  // Provisioning, then (unless focused) lint and typecheck, then the tests.
  const steps = createSteps(forTests.length + (focused ? 1 : 3));
  await provision(steps, forTests);
  if (focused) console.log('      (a focused run: lint and typecheck skipped)');
  else await checkStatic(steps);
  const mocha = bin('mocha', 'bin/mocha.js');
  const shards = testShards(args);
  steps.step(shards > 1 ? `tests (mocha, ${shards} processes at once)` : 'tests (mocha)');
  process.exit(
    shards > 1
      ? await runShards({ root: projectRoot, mocha, count: shards, args })
      : await runNode(mocha, args),
  );
} else if (mode === 'bench') {
  const steps = createSteps(forTests.length + 1);
  await provision(steps, forTests);
  steps.step('benchmarks');
  process.exit(
    await runNode(join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), [
      'bench/run.ts',
      ...args,
    ]),
  );
} else if (mode === 'soak') {
  // The long soak under faults (SOAK_MINUTES, default 10): test/e2e/soak/cli.ts.
  const steps = createSteps(forTests.length + 1);
  await provision(steps, forTests);
  steps.step('soak');
  process.exit(
    await runNode(join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), [
      'test/e2e/soak/cli.ts',
      ...args,
    ]),
  );
} else if (mode === 'backup' || mode === 'restore') {
  // The database `npm start` would use (provisioned the same way), never the worker or client.
  const steps = createSteps(2);
  await provision(steps, ['database']);
  steps.step(mode);
  const { backupCli } = await import('../server/platform/backupCli.ts');
  process.exit(await backupCli(mode, args));
} else if (mode === 'provision') {
  // `provision database worker …`: only those steps (the provisioning tests run it this way).
  const which = args.filter((arg): arg is Provisioner => arg in provisioners);
  if (which.length === 0 || which.length !== args.length) {
    console.error(`provision what? choose from: ${Object.keys(provisioners).join(', ')}`);
    process.exit(2);
  }
  await provision(createSteps(which.length), which);
} else {
  console.error(`unknown mode ${mode}: use start, test, bench, soak, backup, restore or provision`);
  process.exit(2);
}
