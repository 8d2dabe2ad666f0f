// Connects mongoose's default connection to a fresh database of its own on the test server.
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { connectMongoose, disconnectMongoose } from '../../server/db/connect.ts';

export function testDatabaseUri(): string {
  const uri = process.env.RINNALLA_TEST_MONGODB_URI;
  if (!uri)
    throw new Error(
      'no test database: run the tests through `npm test` (test/support/rootHooks.ts)',
    );
  return uri;
}

/** Connects to a new, empty database; the returned function drops it and disconnects. */
export async function useTestDatabase(
  label: string,
  uri = testDatabaseUri(),
): Promise<() => Promise<void>> {
  const name = `test_${label.replace(/[^A-Za-z0-9]/g, '_')}_${randomBytes(3).toString('hex')}`;
  await connectMongoose(uri, name);
  return async () => {
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await disconnectMongoose();
  };
}
