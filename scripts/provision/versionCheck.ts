// A program is ready only when it answers: `<program> --version` exits 0 and says what it is.
import { exec } from '../lib/exec.ts';
import type { StepLog } from '../lib/stepLog.ts';

export async function answersVersion(
  program: string,
  expected: RegExp,
  log: StepLog,
): Promise<boolean> {
  const result = await exec(program, ['--version'], { log, timeoutMs: 30_000 });
  return result.code === 0 && expected.test(result.output);
}
