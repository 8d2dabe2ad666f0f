// mongodb-memory-server: a real mongod, where it could be downloaded (provisioning tries).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type * as MongoMemoryServerCore from 'mongodb-memory-server-core';
import { toolCacheDir } from '../platform/paths.ts';
import type { RunningDatabase } from './engine.ts';

type Mms = typeof MongoMemoryServerCore;

/** mongod is kept with the other provisioned tools, not in a folder of its own choosing. */
async function loadMms(): Promise<Mms> {
  process.env.MONGOMS_DOWNLOAD_DIR ??= join(toolCacheDir(), 'mongodb-binaries');
  return import('mongodb-memory-server-core');
}

/** The downloaded mongod's path, if there is one. Never downloads. */
export async function locateMongod(): Promise<string | undefined> {
  const mms = await loadMms();
  return mms.DryMongoBinary.locateBinary(mms.DryMongoBinary.getEnsuredOptions()).catch(
    () => undefined,
  );
}

/** Downloads mongod into the tool cache; false when it cannot be had. */
export async function downloadMongod(log: (line: string) => void): Promise<boolean> {
  const mms = await loadMms();
  // mongodb-memory-server warns on every failed attempt; the caller reports the outcome once.
  const { warn, error: printError } = console;
  console.warn = console.error = (...words: unknown[]) => log(words.map(String).join(' '));
  try {
    await mms.MongoBinary.getPath();
    return true;
  } catch (error) {
    log(String(error));
    return false;
  } finally {
    Object.assign(console, { warn, error: printError });
  }
}

export async function startMongoMemoryServer(
  dataDir: string,
): Promise<RunningDatabase | undefined> {
  const binary = await locateMongod();
  if (!binary) return undefined;
  const mms = await loadMms();
  const dbPath = resolve(dataDir, 'mongod');
  mkdirSync(dbPath, { recursive: true });
  const server = await mms.MongoMemoryServer.create({
    binary: { systemBinary: binary },
    instance: { dbPath, storageEngine: 'wiredTiger', ip: '127.0.0.1' },
  });
  return {
    kind: 'mongodb-memory-server',
    uri: server.getUri(),
    description: `mongod from mongodb-memory-server (data in ${dbPath})`,
    pid: server.instanceInfo?.instance.mongodProcess?.pid,
    async stop() {
      await server.stop({ doCleanup: false, force: false });
    },
  };
}
