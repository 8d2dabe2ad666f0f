// What `npm start`, `npm test` and `npm run bench` do once the dependencies are installed
// (scripts/bootstrap.mjs saw to that): provision, build, then serve, test or measure.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../server/platform/paths.ts';
import { exec } from './lib/exec.ts';
import { createSteps } from './lib/progress.ts';
import { provisionBrowser } from './provision/browser.ts';
import { buildClient } from './provision/clientBuild.ts';
import { provisionDatabase } from './provision/database.ts';
import { provisionMediasoupWorker } from './provision/mediasoupWorker.ts';
import { provisionRedis } from './provision/redis.ts';

const [mode = 'start', ...args] = process.argv.slice(2);
const bin = (pkg: string, path: string) => join(projectRoot, 'node_modules', pkg, path);

async function attempt<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    console.error(`\n✖ ${(error as Error).message}\n`);
    process.exit(1);
  }
}

async function provision(steps: ReturnType<typeof createSteps>, forTests: boolean) {
  let step = steps.step('mediasoup worker');
  const worker = await attempt(() => provisionMediasoupWorker(step.info));
  process.env.MEDIASOUP_WORKER_BIN = worker.bin;
  step.done(worker.source);

  step = steps.step('database');
  const database = await attempt(() => provisionDatabase(step.info));
  step.done(database);

  if (forTests) {
    step = steps.step('browser for tests');
    process.env.CHROME_PATH = await attempt(() => provisionBrowser(step.info));
    step.done(process.env.CHROME_PATH);

    step = steps.step('Redis for multi-process tests');
    const redis = await attempt(() => provisionRedis(step.info));
    if (redis) process.env.REDIS_SERVER_BIN = redis;
    step.done(redis ?? 'not available: multi-process tests will say so and fail');
  }

  step = steps.step('client build');
  step.done(await attempt(() => buildClient(step.info)));
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

async function checkStatic(steps: ReturnType<typeof createSteps>) {
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
  const steps = createSteps(4);
  await provision(steps, false);
  steps.step('server');
  const { main } = await import('../server/main.ts');
  await main();
} else if (mode === 'test') {
  const focused = args.some((arg) => arg === '--grep' || arg === '-g' || arg.startsWith('--grep='));
  const steps = createSteps(focused ? 6 : 8);
  await provision(steps, true);
  if (focused) console.log('      (a focused run: lint and typecheck skipped)');
  else await checkStatic(steps);
  steps.step('tests (mocha)');
  process.exit(await runNode(bin('mocha', 'bin/mocha.js'), args));
} else if (mode === 'bench') {
  const steps = createSteps(6);
  await provision(steps, true);
  steps.step('benchmarks');
  process.exit(
    await runNode(join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), [
      'bench/run.ts',
      ...args,
    ]),
  );
} else {
  console.error(`unknown mode ${mode}: use start, test or bench`);
  process.exit(2);
}
