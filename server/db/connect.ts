import mongoose from 'mongoose';

/**
 * While the database is unreachable (restarting, failing over), a request must fail within
 * moments with "try again in a moment" rather than wait: server selection and mongoose's own
 * buffering give up after 1.5 s (the default is 10 s and 30 s). Reconnection itself is the
 * driver's: it finds the server again on the same address (the supervisor restarts the embedded
 * one on the same port), or the new primary of a replica set.
 */
const GIVE_UP_MS = 1500;
/** Start-up waits longer for the first connection than a request would. */
const FIRST_CONNECT_MS = 15_000;

/** Connects mongoose's default connection; every domain's models live on it. */
export async function connectMongoose(uri: string, dbName: string): Promise<void> {
  mongoose.set('strictQuery', true);
  // Client-supplied objects can never become query operators ({ "$ne": … }).
  mongoose.set('sanitizeFilter', true);
  mongoose.set('bufferTimeoutMS', GIVE_UP_MS);
  const deadline = Date.now() + FIRST_CONNECT_MS;
  for (;;) {
    try {
      await mongoose.connect(uri, {
        dbName,
        serverSelectionTimeoutMS: GIVE_UP_MS,
        heartbeatFrequencyMS: 2000,
      });
      return;
    } catch (error) {
      const name = (error as Error).name;
      if (Date.now() > deadline || !/ServerSelection/.test(name)) throw error;
      await mongoose.disconnect().catch(() => undefined);
    }
  }
}

/** The driver's way of saying the database cannot be reached now (not: the request was wrong). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    /^Mongo(ose)?(ServerSelection|Network|NetworkTimeout|PoolCleared|NotConnected|TopologyClosed|OperationTimeout)Error$/.test(
      error.name,
    ) || /buffering timed out|Client must be connected/.test(error.message)
  );
}

export async function databaseReachable(): Promise<boolean> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== mongoose.ConnectionStates.connected || !db) return false;
  try {
    await db.admin().command({ ping: 1 }, { timeoutMS: 2000 });
    return true;
  } catch {
    return false;
  }
}

export async function disconnectMongoose(): Promise<void> {
  await mongoose.disconnect();
}
