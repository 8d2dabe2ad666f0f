// The embedded database a running `npm start` owns, written down in its data folder: tools such
// as `npm run backup` reach that same database instead of starting a second one on its files.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const fileOf = (dataDir: string) => join(dataDir, 'running.json');

export function announceDatabase(dataDir: string, uri: string): () => void {
  const file = fileOf(dataDir);
  writeFileSync(file, JSON.stringify({ uri, pid: process.pid }), { mode: 0o600 });
  return () => rmSync(file, { force: true });
}

/** The URI of the embedded database a live server process runs now, if any. */
export function announcedDatabase(dataDir: string): string | undefined {
  try {
    const { uri, pid } = JSON.parse(readFileSync(fileOf(dataDir), 'utf8')) as {
      uri: string;
      pid: number;
    };
    process.kill(pid, 0); // throws when that process is gone (a crash left the file behind)
    return uri;
  } catch {
    return undefined;
  }
}
