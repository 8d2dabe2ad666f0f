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

/** Where mongoose's connection goes, to replace it (`reconnectMongoose`). */
let target: { uri: string; dbName: string; monitorCommands: boolean } | undefined;

/**
 * Connects mongoose's default connection; every domain's models live on it. `monitorCommands`:
 * the driver reports each command it sends (tests look at which filters hot paths use).
 */
export async function connectMongoose(
  uri: string,
  dbName: string,
  monitorCommands = false,
): Promise<void> {
  target = { uri, dbName, monitorCommands };
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
        monitorCommands,
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
    // The Closed ones: a request still on the connection the database watch replaced (below).
    /^Mongo(ose)?(ServerSelection|Network|NetworkTimeout|PoolCleared|PoolClosed|ServerClosed|ClientClosed|ExpiredSession|WaitQueueTimeout|NotConnected|TopologyClosed|OperationTimeout)Error$/.test(
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
  target = undefined;
  await mongoose.disconnect();
}

/**
 * Whether a new connection to the same server answers now. When it does while mongoose's own
 * does not, the driver's connection is stuck: seen with the Node driver 6.22 after a connection
 * dropped in the middle of a command — its server monitor stays "monitoring" on a closed
 * connection and never checks again, so nothing would ever reach the database again.
 */
export async function newConnectionAnswers(): Promise<boolean> {
  if (!target) return false;
  const client = new mongoose.mongo.MongoClient(target.uri, {
    serverSelectionTimeoutMS: GIVE_UP_MS,
    connectTimeoutMS: GIVE_UP_MS,
  });
  try {
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}

/** Replaces mongoose's connection with a new one to the same server (the models keep working). */
export async function reconnectMongoose(): Promise<void> {
  if (!target) return;
  const { uri, dbName, monitorCommands } = target;
  await mongoose.disconnect().catch(() => undefined);
  await connectMongoose(uri, dbName, monitorCommands);
}
