// [scale-5] Structured logs with request ids: every line written while serving a request —
// through the request's child logger or the app's own logger, before and after the body is
// parsed and after awaits — carries the id that the response's X-Request-Id names.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { createLogger } from '../log.ts';
import { keepRequestScope, requestContext } from './requestContext.ts';

describe('[scale-5] request ids in logs', () => {
  it('[scale-5] every log line of a request carries its id, and only that request’s', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line));
        done();
      },
    });
    const log = createLogger('debug', false, sink);
    const app = express();
    app.use(requestContext(log));
    app.post('/api/things/:id', express.json(), keepRequestScope, async (req, res) => {
      log.info('app logger, after the body was parsed');
      await new Promise((resolve) => setTimeout(resolve, 10));
      req.log.info('child logger, after an await');
      log.info('app logger, after an await');
      res.json({ ok: true });
    });
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      log.info('outside any request');
      const responses = await Promise.all(
        ['first-request-1', 'second-request-2'].map((id) =>
          fetch(`http://127.0.0.1:${port}/api/things/123`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-request-id': id },
            body: JSON.stringify({ a: 1 }),
          }),
        ),
      );
      assert.deepEqual(
        responses.map((r) => r.headers.get('x-request-id')),
        ['first-request-1', 'second-request-2'],
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      server.close();
    }
    assert.equal(lines[0]!.reqId, undefined);
    for (const id of ['first-request-1', 'second-request-2']) {
      const mine = lines.filter((l) => l.reqId === id);
      assert.deepEqual(
        mine.map((l) => l.msg),
        [
          'app logger, after the body was parsed',
          'child logger, after an await',
          'app logger, after an await',
          'request',
        ],
      );
      const done = mine.at(-1)!;
      assert.equal(done.route, '/api/things/:id'); // the pattern, not the URL
      assert.equal(done.status, 200);
      // Exactly one reqId key in each line (the child's binding is not repeated by the mixin).
      assert.equal(JSON.stringify(done).split('"reqId"').length, 2);
    }
  });
});
