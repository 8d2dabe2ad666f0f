// The database chain: MONGODB_URI → mongodb-memory-server (a real mongod) → FerretDB v1 with
// SQLite (or with its own PostgreSQL: FERRETDB_BACKEND=postgresql) → a clear error. Whatever
// runs here is a real MongoDB wire-protocol server.
import { ferretdbAvailable, ferretdbBackend, ferretdbBinary, startFerretdb } from './ferretdb.ts';
import { startMongoMemoryServer } from './memoryServer.ts';
import type { SupervisedPart, SupervisorLog } from '../platform/supervisor.ts';

export interface RunningDatabase {
  kind: 'external' | 'mongodb-memory-server' | 'ferretdb';
  /** Server URI without a database name. */
  uri: string;
  description: string;
  pid?: number | undefined;
  /** Set when the platform runs the server itself and restarts it when it dies. */
  supervisor?: SupervisedPart;
  stop(): Promise<void>;
}

export class NoDatabaseError extends Error {
  constructor() {
    super(
      'No MongoDB server is available. Either set MONGODB_URI=mongodb://host:port/ to use your ' +
        'own MongoDB, or let `npm start` provision one: it downloads mongod (needs the internet) ' +
        'or builds FerretDB with Go 1.24+ (needs the Go module proxy).',
    );
  }
}

export async function startDatabase(options: {
  uri?: string | undefined;
  dataDir: string;
  /** Where the supervisor's restart lines go (the platform's logger). */
  log?: SupervisorLog;
}): Promise<RunningDatabase> {
  if (options.uri) {
    return { kind: 'external', uri: options.uri, description: 'MONGODB_URI', stop: async () => {} };
  }
  const mongod = await startMongoMemoryServer(options.dataDir);
  if (mongod) return mongod;
  if (ferretdbAvailable())
    return startFerretdb(options.dataDir, ferretdbBinary(), ferretdbBackend(), {
      ...(options.log ? { log: options.log } : {}),
    });
  throw new NoDatabaseError();
}
