// A TCP relay between the test process and its database that can lose the database at an exact
// point of a piece of work: right after the server received a given command (an insert into a
// given collection), the answer is never passed on and every connection is dropped — what a
// process sees when its database dies mid-way. New connections are refused (nothing listens, as
// with a dead server) until `restore()`.
// 127.0.0.1 only.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface WireCutter {
  /** A MongoDB URI for the same server through the relay. */
  uri: string;
  /** Loses the database just after the next insert into `collection` reached it. */
  cutAfterInsert(collection: string): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startWireCutter(databaseUri: string): Promise<WireCutter> {
  const target = new URL(databaseUri);
  const pairs = new Set<[Socket, Socket]>();
  let down = false;
  let armed: { marks: Buffer[]; done: () => void } | undefined;

  const cut = () => {
    down = true;
    relay.close();
    for (const [client, server] of pairs) {
      client.destroy();
      server.destroy();
    }
    pairs.clear();
  };

  const relay: Server = createServer((client) => {
    if (down) return client.destroy();
    const server = connect(Number(target.port || 27017), target.hostname);
    const pair: [Socket, Socket] = [client, server];
    pairs.add(pair);
    let answering = true;
    client.on('data', (chunk: Buffer) => {
      if (!server.write(chunk)) client.pause();
      const trap = armed;
      if (trap && trap.marks.every((mark) => chunk.includes(mark))) {
        armed = undefined;
        // The server has the command; its answer is lost with the connection.
        answering = false;
        setTimeout(() => {
          cut();
          trap.done();
        }, 300);
      }
    });
    server.on('drain', () => client.resume());
    server.on('data', (chunk: Buffer) => {
      if (answering) client.write(chunk);
    });
    const drop = () => {
      client.destroy();
      server.destroy();
      pairs.delete(pair);
    };
    client.on('error', drop).on('close', drop);
    server.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const { port } = relay.address() as { port: number };
  const uri = new URL(databaseUri);
  uri.host = `127.0.0.1:${port}`;

  return {
    uri: uri.toString(),
    cutAfterInsert: (collection) =>
      new Promise<void>((done) => {
        // BSON: the command's first element `insert: "<collection>"`.
        armed = {
          marks: [Buffer.from('insert\0'), Buffer.from(`${collection}\0`)],
          done,
        };
      }),
    restore: () =>
      new Promise<void>((resolve, reject) => {
        down = false;
        relay.once('error', reject);
        relay.listen(port, '127.0.0.1', () => {
          relay.off('error', reject);
          resolve();
        });
      }),
    close: async () => {
      if (!down) cut();
    },
  };
}
