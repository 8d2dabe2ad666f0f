import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (server/platform/ is two levels below it). */
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Where built tools (mediasoup worker, FerretDB) are cached by version, outside the clone so
 * that a second clone or a `git clean` does not rebuild them.
 */
export function toolCacheDir(): string {
  if (process.env.RINNALLA_CACHE_DIR) return process.env.RINNALLA_CACHE_DIR;
  const base = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  return join(base, 'rinnalla');
}
