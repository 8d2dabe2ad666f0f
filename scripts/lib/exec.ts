import { spawn, type SpawnOptions } from 'node:child_process';

export interface ExecResult {
  code: number;
  output: string;
}

/**
 * Runs a command and collects its output; `onLine` sees each line as it comes (for progress).
 * Never throws for a non-zero exit: the caller decides what a failure means.
 */
export function exec(
  command: string,
  args: string[],
  options: SpawnOptions & { onLine?: (line: string) => void } = {},
): Promise<ExecResult> {
  return new Promise((resolve) => {
    const { onLine, ...spawnOptions } = options;
    let output = '';
    let child;
    try {
      child = spawn(command, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      resolve({ code: 127, output: String(error) });
      return;
    }
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
    child.on('error', (error) => resolve({ code: 127, output: output + String(error) }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Like exec, but throws with the tail of the output when the command fails. */
export async function execOrThrow(
  command: string,
  args: string[],
  options: SpawnOptions & { onLine?: (line: string) => void } = {},
): Promise<string> {
  const result = await exec(command, args, options);
  if (result.code !== 0) {
    const tail = result.output.trim().split('\n').slice(-25).join('\n');
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.code}):\n${tail}`);
  }
  return result.output;
}
