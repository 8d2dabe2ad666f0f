// The whole mocha suite as several mocha processes at once, each with its own share of the test
// files, its own test database (rootHooks' global setup) and its own leak check. Most of the
// suite waits on real time — browsers, media, restarts, timeouts — so on two cores two
// processes finish it in well under the time of one. Each file runs whole in one process, as
// alone; files are shared out longest first by the seconds they last took (test/durations.json,
// refreshed with RINNALLA_TEST_DURATIONS=update after a full run).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';

interface MochaConfig {
  spec: string[];
  ignore?: string[];
  extension?: string[];
  [option: string]: unknown;
}

/** Seconds a file not yet in test/durations.json is taken to last. */
const UNKNOWN_FILE_SECONDS = 20;

/** The spec files the config names, relative to the project (mocha's own look-up). */
export function specFiles(root: string, config: MochaConfig): string[] {
  const require = createRequire(join(root, 'package.json'));
  const collect = require('mocha/lib/cli/collect-files.js') as (options: object) => {
    files: string[];
  };
  const { files } = collect({
    ignore: config.ignore ?? [],
    extension: config.extension ?? ['js'],
    file: [],
    recursive: false,
    sort: false,
    spec: config.spec.map((glob) => join(root, glob)),
  });
  return files.map((file) => relative(root, file)).sort();
}

/** Longest first into the least loaded share: each share's files and their expected seconds. */
export function shareOut(
  files: string[],
  seconds: Record<string, number>,
  count: number,
): { files: string[]; seconds: number }[] {
  const shares = Array.from({ length: count }, () => ({ files: [] as string[], seconds: 0 }));
  const cost = (file: string) => seconds[file] ?? UNKNOWN_FILE_SECONDS;
  for (const file of [...files].sort((a, b) => cost(b) - cost(a) || a.localeCompare(b))) {
    const lightest = shares.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    lightest.files.push(file);
    lightest.seconds += cost(file);
  }
  for (const share of shares) share.files.sort();
  return shares.filter((share) => share.files.length > 0);
}

function readJson<T>(path: string, fallback: T): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return fallback;
  }
}

/**
 * Runs the shares at once, each line of their output prefixed with its share's number, and
 * resolves to the worst exit code. Extra mocha arguments go to every share.
 */
export async function runShards(options: {
  root: string;
  mocha: string;
  count: number;
  args: string[];
}): Promise<number> {
  const { root, mocha, count, args } = options;
  const config = readJson<MochaConfig>(join(root, '.mocharc.json'), { spec: [] });
  const durationsPath = join(root, 'test', 'durations.json');
  const known = readJson<Record<string, number>>(durationsPath, {});
  const files = specFiles(root, config);
  const shares = shareOut(files, known, count);
  const dir = mkdtempSync(join(tmpdir(), 'rinnalla-shards-'));
  const started = Date.now();
  console.log(
    `      ${shares.length} mocha processes at once: ` +
      shares
        .map((s, i) => `[${i + 1}] ${s.files.length} files (~${Math.round(s.seconds)} s)`)
        .join(', '),
  );
  try {
    const codes = await Promise.all(
      shares.map((share, i) => {
        const configPath = join(dir, `share-${i + 1}.json`);
        writeFileSync(configPath, JSON.stringify({ ...config, spec: share.files }));
        return runShare(i + 1, mocha, ['--config', configPath, ...args], {
          root,
          timesPath: join(dir, `times-${i + 1}.json`),
        });
      }),
    );
    const measured: Record<string, number> = {};
    for (let i = 1; i <= shares.length; i += 1)
      Object.assign(measured, readJson(join(dir, `times-${i}.json`), {}));
    const slowest = Object.entries(measured)
      .sort(([, a], [, b]) => b - a)
      .slice(0, 5)
      .map(([file, s]) => `${file} ${Math.round(s)} s`);
    console.log(
      `\n      all ${shares.length} processes done in ${Math.round((Date.now() - started) / 1000)} s ` +
        `(exit codes ${codes.join(', ')}); slowest files: ${slowest.join(', ')}`,
    );
    if (process.env.RINNALLA_TEST_DURATIONS === 'update') {
      // Every file of the suite (a file gone is forgotten); one that did not run keeps its own.
      const rounded = Object.fromEntries(
        files.map((file) => [
          file,
          Math.round(measured[file] ?? known[file] ?? UNKNOWN_FILE_SECONDS),
        ]),
      );
      writeFileSync(durationsPath, `${JSON.stringify(rounded, null, 2)}\n`);
      console.log(`      file durations written to ${relative(root, durationsPath)}`);
    }
    return Math.max(...codes);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runShare(
  number: number,
  mocha: string,
  args: string[],
  options: { root: string; timesPath: string },
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [mocha, ...args], {
      cwd: options.root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        RINNALLA_TEST_FILE_TIMES: options.timesPath,
      },
    });
    const prefix = `[${number}] `;
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ] as const)
      createInterface({ input: stream }).on('line', (line) => out.write(`${prefix}${line}\n`));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
