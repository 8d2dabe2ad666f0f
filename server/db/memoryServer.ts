// mongodb-memory-server: a real mongod, where it could be downloaded (provisioning tries).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type * as MongoMemoryServerCore from 'mongodb-memory-server-core';
import type { RunningDatabase } from './engine.ts';

type Mms = typeof MongoMemoryServerCore;

async function locateMongod(mms: Mms): Promise<string | undefined> {
  // Never download at run time: provisioning has done that, or it is not possible here.
  return mms.DryMongoBinary.locateBinary(mms.DryMongoBinary.getEnsuredOptions()).catch(
    () => undefined,
  );
}

export async function mongodAvailable(): Promise<boolean> {
  return (await locateMongod(await import('mongodb-memory-server-core'))) !== undefined;
}

/** Downloads mongod into mongodb-memory-server's cache; false when it cannot be had. */
export async function downloadMongod(): Promise<boolean> {
  const mms = await import('mongodb-memory-server-core');
  // mongodb-memory-server warns on every failed attempt; the caller reports the outcome once.
  const warn = console.warn;
  console.warn = () => {};
  try {
    await mms.MongoBinary.getPath();
    return true;
  } catch {
    return false;
  } finally {
    console.warn = warn;
  }
}

export async function startMongoMemoryServer(
  dataDir: string,
): Promise<RunningDatabase | undefined> {
  const mms = await import('mongodb-memory-server-core');
  const binary = await locateMongod(mms);
  if (!binary) return undefined;
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
