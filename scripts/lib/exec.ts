import { spawn, type SpawnOptions } from 'node:child_process';
import type { StepLog } from './stepLog.ts';

export interface ExecResult {
  code: number;
  output: string;
}

export type ExecOptions = SpawnOptions & {
  /** Sees each line as it comes (for progress). */
  onLine?: (line: string) => void;
  /** Receives the command line, its whole output and its exit code. */
  log?: StepLog;
  /** Kills the command after this long; it then counts as failed (exit 124). */
  timeoutMs?: number;
};

/**
 * Runs a command and collects its output. Never throws for a non-zero exit: the caller
 * decides what a failure means.
 */
export function exec(
  command: string,
  args: string[],
  options: ExecOptions = {},
): Promise<ExecResult> {
  const { onLine, log, timeoutMs, ...spawnOptions } = options;
  log?.write(
    `$ ${[command, ...args].join(' ')}${spawnOptions.cwd ? `   (in ${String(spawnOptions.cwd)})` : ''}`,
  );
  return new Promise((resolve) => {
    let output = '';
    let finished = false;
    // 'error' and 'close' may both fire for one child: the first one decides.
    const finish = (code: number) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      log?.write(`${output}${output.endsWith('\n') || !output ? '' : '\n'}# exit ${code}`);
      resolve({ code, output });
    };
    let child;
    try {
      child = spawn(command, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      output = String(error);
      finish(127);
      return;
    }
    let timedOut = false;
    const timer = timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          output += `\n(killed after ${timeoutMs} ms)`;
          child.kill('SIGKILL');
        }, timeoutMs)
      : undefined;
    let partial = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      if (!onLine) return;
      const lines = (partial + text).split(/\r?\n|\r/);
      partial = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.on('error', (error) => {
      output += String(error);
      finish(127);
    });
    child.on('close', (code, signal) => finish(timedOut ? 124 : (code ?? (signal ? 128 : 1))));
  });
}

/** Like exec, but throws with the tail of the output when the command fails. */
export async function execOrThrow(
  command: string,
  args: string[],
  options: ExecOptions = {},
): Promise<string> {
  const result = await exec(command, args, options);
  if (result.code !== 0) {
    const tail = result.output.trim().split('\n').slice(-25).join('\n');
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.code}):\n${tail}`);
  }
  return result.output;
}
