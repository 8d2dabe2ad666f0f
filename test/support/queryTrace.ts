// Which database commands a piece of work sends, and which of them can only be answered by
// reading a whole collection on FerretDB v1 (every filter but `_id` equality, or `$in` of them,
// is a full scan there: ../../server/db/explain.test.ts). Listens to the driver's own command
// events on the test process's connection (the in-process test app shares it).
import mongoose from 'mongoose';
import type { CommandStartedEvent } from 'mongodb';

export interface TracedCommand {
  name: string;
  collection: string;
  /** The filter(s) it sent: find/count/delete/update filters, an aggregate's first $match. */
  filters: unknown[];
  /** Whether every filter names documents by `_id` alone (equality or `$in`). */
  keyed: boolean;
}

const READS_AND_WRITES = new Set([
  'find',
  'count',
  'aggregate',
  'distinct',
  'update',
  'delete',
  'findAndModify',
  'insert',
]);

/**
 * A filter FerretDB answers from the `_id` index: exactly `{ _id: value }`. Anything more in it
 * (another field, an operator, `$in`) is answered by reading every document of the collection.
 */
export function keyedFilter(filter: unknown): boolean {
  if (typeof filter !== 'object' || filter === null) return false;
  const keys = Object.keys(filter);
  if (keys.length !== 1 || keys[0] !== '_id') return false;
  const id = (filter as { _id: unknown })._id;
  if (typeof id === 'string' || id instanceof mongoose.mongo.ObjectId) return true;
  return false; // numbers are not looked up by index; an object is an operator
}

function filtersOf(event: CommandStartedEvent): unknown[] {
  const c = event.command as Record<string, unknown>;
  switch (event.commandName) {
    case 'find':
    case 'count':
    case 'distinct':
      return [c.filter ?? c.query ?? {}];
    case 'findAndModify':
      return [c.query ?? {}];
    case 'update':
      return ((c.updates as { q: unknown }[]) ?? []).map((u) => u.q);
    case 'delete':
      return ((c.deletes as { q: unknown }[]) ?? []).map((d) => d.q);
    case 'aggregate': {
      const first = (c.pipeline as Record<string, unknown>[] | undefined)?.[0];
      return [first && '$match' in first ? first.$match : {}];
    }
    default:
      return [];
  }
}

/** Starts recording the commands this process sends; `stop()` ends it and gives them. */
export function startTrace(): { stop(): TracedCommand[] } {
  const client = mongoose.connection.getClient();
  if (!client.options.monitorCommands)
    throw new Error('the connection does not report its commands');
  const commands: TracedCommand[] = [];
  const listener = (event: CommandStartedEvent) => {
    if (!READS_AND_WRITES.has(event.commandName)) return;
    const filters = filtersOf(event);
    const collection = String((event.command as Record<string, unknown>)[event.commandName]);
    commands.push({
      name: event.commandName,
      collection,
      filters,
      keyed: event.commandName === 'insert' || filters.every(keyedFilter),
    });
  };
  client.on('commandStarted', listener);
  return {
    stop() {
      client.off('commandStarted', listener);
      return commands;
    },
  };
}

/** Records the commands sent while `work` runs (from every connection of this process). */
export async function traceCommands<T>(
  work: () => Promise<T>,
): Promise<{ result: T; commands: TracedCommand[] }> {
  const trace = startTrace();
  const commands: TracedCommand[] = [];
  try {
    return { result: await work(), commands };
  } finally {
    commands.push(...trace.stop());
  }
}
