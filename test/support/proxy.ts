// A small reverse proxy in front of several server processes, as nginx or Caddy would be in
// production (deploy notes: server/live/ownership.ts): `/node/<name>/…` goes to that process
// with the prefix taken off (each process's own address, RINNALLA_NODE_URL); everything else
// to a living process — the one a `rinnalla-node=<name>` cookie names (so a test decides who
// lands where), else the next in turn. HTTP and WebSocket upgrades, 127.0.0.1 only.
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface Backend {
  name: string;
  port: number;
}

export interface TestProxy {
  url: string;
  port: number;
  backends: Backend[];
  /** Which backend served each upgrade (socket), in order: `name url-as-asked`. */
  upgrades: string[];
  close(): Promise<void>;
}

const NODE_PATH = /^\/node\/([^/]+)(\/.*)?$/;

function route(req: IncomingMessage, backends: Backend[], turn: () => number) {
  const match = NODE_PATH.exec(req.url ?? '/');
  if (match) {
    const backend = backends.find((b) => b.name === match[1]);
    return backend ? { candidates: [backend], path: match[2] ?? '/' } : null;
  }
  const wanted = /(?:^|;\s*)rinnalla-node=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  const start = turn();
  const ordered = backends.map((_, i) => backends[(start + i) % backends.length]!);
  const first = ordered.find((b) => b.name === wanted);
  const candidates = first ? [first, ...ordered.filter((b) => b !== first)] : ordered;
  return { candidates, path: req.url ?? '/' };
}

/** Connects to the first candidate that answers (a killed process refuses at once). */
function connectFirst(candidates: Backend[]): Promise<{ socket: Socket; backend: Backend }> {
  return new Promise((resolve, reject) => {
    const attempt = (i: number) => {
      const backend = candidates[i];
      if (!backend) return reject(new Error('no backend'));
      const socket = connect(backend.port, '127.0.0.1');
      socket.once('connect', () => resolve({ socket, backend }));
      socket.once('error', () => attempt(i + 1));
    };
    attempt(0);
  });
}

export async function startProxy(port: number, backends: Backend[]): Promise<TestProxy> {
  let counter = 0;
  const turn = () => counter++ % backends.length;
  const upgrades: string[] = [];
  const open = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const target = route(req, backends, turn);
    if (!target) return void res.writeHead(404).end();
    connectFirst(target.candidates).then(
      ({ socket }) => {
        const forward = request(
          {
            createConnection: () => socket,
            method: req.method,
            path: target.path,
            headers: req.headers,
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        forward.on('error', () => res.destroy());
        req.pipe(forward);
      },
      () => res.writeHead(502).end(),
    );
  });
  server.on('upgrade', (req, client: Socket, head: Buffer) => {
    const target = route(req, backends, turn);
    if (!target) return client.destroy();
    connectFirst(target.candidates).then(
      ({ socket, backend }) => {
        upgrades.push(`${backend.name} ${req.url}`);
        open.add(client);
        client.on('close', () => open.delete(client));
        const lines = [`${req.method} ${target.path} HTTP/1.1`];
        for (let i = 0; i < req.rawHeaders.length; i += 2)
          lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
        socket.write(`${lines.join('\r\n')}\r\n\r\n`);
        if (head.length) socket.write(head);
        socket.pipe(client).pipe(socket);
        socket.on('error', () => client.destroy());
        client.on('error', () => socket.destroy());
        socket.on('close', () => client.destroy());
        client.on('close', () => socket.destroy());
      },
      () => client.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const real = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${real}`,
    port: real,
    backends,
    upgrades,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A free port on 127.0.0.1 (for a process that must know its address before it starts). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}
