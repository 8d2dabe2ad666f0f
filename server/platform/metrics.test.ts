// [scale-5] /metrics: refused without its token (and refused always when none is configured),
// live figures with it. Real app, real database, real mediasoup worker, real sockets.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { metricsRoute } from '../http/metricsRoute.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { liveGroup, liveSocket, must, type TestSocket } from '../../test/support/live.ts';

const TOKEN = 'metrics-token-for-the-test-0123456789';

/** The value of one sample line (name with its labels exactly as printed), or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('[scale-5] /metrics', function () {
  this.timeout(90_000);
  let app: TestApp;
  const sockets: TestSocket[] = [];
  const scrape = async () => {
    const response = await fetch(`${app.url}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
    return response.text();
  };
  before(async () => {
    app = await startTestApp({ label: 'metrics', env: { METRICS_TOKEN: TOKEN } });
  });
  after(async () => {
    for (const socket of sockets) socket.disconnect();
    await app?.close();
  });

  it('[scale-5] refuses a scrape without the token or with a wrong one, in the caller’s language', async () => {
    const none = await fetch(`${app.url}/metrics`, { headers: { 'accept-language': 'fi' } });
    assert.equal(none.status, 401);
    assert.equal(none.headers.get('www-authenticate'), 'Bearer realm="metrics"');
    const body = (await none.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'metricsToken');
    assert.match(body.error.message, /mittari/i);
    for (const authorization of [
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      TOKEN,
      'Bearer ',
    ]) {
      const wrong = await fetch(`${app.url}/metrics`, { headers: { authorization } });
      assert.equal(wrong.status, 401, authorization);
      assert.doesNotMatch(await wrong.text(), /rinnalla_/);
    }
  });

  it('[scale-5] with no METRICS_TOKEN configured, /metrics is refused even with a token', async () => {
    // The route as createApp mounts it without a token (a second app in this process would
    // share, and on closing drop, mongoose's connection).
    const bare = express().use(metricsRoute(undefined));
    const server = createServer(bare);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/metrics`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      assert.equal(response.status, 403);
      const body = (await response.json()) as { error: { code: string } };
      assert.equal(body.error.code, 'metricsOff');
    } finally {
      server.close();
    }
  });

  it('[scale-5] shows live figures: a live session, its people, a chat message, request latency', async () => {
    const before = await scrape();
    assert.equal(sample(before, 'rinnalla_live_sessions'), 0);
    assert.equal(sample(before, 'rinnalla_sfu_workers'), 1);
    assert.equal(sample(before, 'rinnalla_database_up'), 1);
    assert.ok((sample(before, 'rinnalla_database_ping_seconds') ?? -1) >= 0);
    assert.ok(sample(before, 'rinnalla_reminder_jobs{state="due"}') !== undefined);
    assert.match(before, /^rinnalla_sfu_worker_cpu_seconds\{slot="0",pid="\d+"\} [\d.e-]+$/m);
    assert.match(before, /^rinnalla_process_cpu_seconds_total /m); // default process metrics
    const messagesBefore = sample(before, 'rinnalla_chat_messages_total{channel="group"}') ?? 0;

    const live = await liveGroup(app.url, { families: 1 });
    const host = await liveSocket(app.url, live.staff.facilitator);
    const family = await liveSocket(app.url, live.families[0]!);
    sockets.push(host, family);
    await must(host, 'live:join', { sessionId: live.sessionId });
    const channelId = `group:${live.group.id}`;
    await must(family, 'chat:send', { channelId, clientId: 'metrics-0001', text: 'Hei' });

    const during = await scrape();
    assert.equal(sample(during, 'rinnalla_live_sessions'), 1);
    assert.ok((sample(during, 'rinnalla_live_participants{state="admitted"}') ?? 0) >= 1);
    assert.ok((sample(during, 'rinnalla_socket_connections') ?? 0) >= 2);
    assert.equal(
      sample(during, 'rinnalla_chat_messages_total{channel="group"}'),
      messagesBefore + 1,
    );
    assert.ok((sample(during, 'rinnalla_chat_send_duration_seconds_count') ?? 0) >= 1);
    // Requests by route pattern, never by raw URL (no ids in the labels).
    assert.match(
      during,
      /rinnalla_http_request_duration_seconds_count\{method="POST",route="\/api\/[^"]*",status="2xx"\}/,
    );
    for (const line of during.split('\n').filter((l) => l.startsWith('rinnalla_http_request')))
      assert.doesNotMatch(line, /[0-9a-f]{24}/, line);
  });

  it('[scale-5] every response carries a request id; a sane incoming one is kept', async () => {
    const fresh = await fetch(`${app.url}/healthz`);
    assert.match(fresh.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    const kept = await fetch(`${app.url}/api/nothing-here`, {
      headers: { 'x-request-id': 'proxy-abc-12345' },
    });
    assert.equal(kept.headers.get('x-request-id'), 'proxy-abc-12345');
    const insane = await fetch(`${app.url}/healthz`, {
      headers: { 'x-request-id': 'a b<script>' },
    });
    assert.notEqual(insane.headers.get('x-request-id'), 'a b<script>');
  });
});
