// Each provisioning step keeps the raw output of what it ran in a log file of its own, so a
// failure can print one readable paragraph and point here for the details.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StepLog {
  readonly path: string;
  write(text: string): void;
}

/** Starts `<dir>/<name>.log` afresh for this run. */
export function openStepLog(dir: string, name: string): StepLog {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.log`);
  writeFileSync(path, `# ${name}, ${new Date().toISOString()}\n`);
  return {
    path,
    write(text) {
      appendFileSync(path, text.endsWith('\n') ? text : `${text}\n`);
    },
  };
}
