import mongoose from 'mongoose';

/** Connects mongoose's default connection; every domain's models live on it. */
export async function connectMongoose(uri: string, dbName: string): Promise<void> {
  mongoose.set('strictQuery', true);
  // Client-supplied objects can never become query operators ({ "$ne": … }).
  mongoose.set('sanitizeFilter', true);
  await mongoose.connect(uri, { dbName, serverSelectionTimeoutMS: 10_000 });
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
