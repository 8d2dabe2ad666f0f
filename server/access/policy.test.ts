// [acct-1] The permission matrix: every REST route and every socket request, called as every
// role and signed out. The expectations are written out here, independently of the policy,
// and the routes are read from the running app: a route without an entry fails the test.
import assert from 'node:assert/strict';
import { io as connect } from 'socket.io-client';
import { requestSchemas } from '../protocol/socket.ts';
import { ROLES } from '../protocol/api.ts';
import type { TableDetail } from '../protocol/partnership.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import {
  actors,
  allowed,
  expectedRoutes,
  expectedSocket,
  type ActorName,
} from '../../test/support/accessMatrix.ts';
import { helsinkiDay, weekdayOf } from '../../test/support/groups.ts';
import {
  ApiClient,
  createOrganisation,
  createPerson,
  type TestPerson,
} from '../../test/support/people.ts';

const NO_SUCH_ID = '0123456789abcdef01234567';
const NO_SUCH_TOKEN = 'not-a-real-token-but-well-formed';

/** Routes as Express will serve them, read from the router itself. */
function servedRoutes(app: TestApp): string[] {
  const stack = app.app.api.router.stack as {
    route?: { path: string; methods: Record<string, boolean> };
  }[];
  return stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${layer.route?.path}`)
      : [],
  );
}

describe('[acct-1] permission matrix', function () {
  this.timeout(120_000);
  let app: TestApp;
  const people = new Map<ActorName, TestPerson>();

  before(async () => {
    app = await startTestApp({ label: 'acct1' });
    const organisationId = await createOrganisation('partner');
    for (const role of ROLES)
      people.set(role, await createPerson({ roles: [role], organisationId }));
  });
  after(() => app?.close());

  async function clientFor(actor: ActorName): Promise<ApiClient> {
    const client = new ApiClient(app.url);
    const person = people.get(actor);
    return person ? client.signIn(person) : client;
  }

  it('[acct-1] every served route has an expectation and a policy action, and no expectation is stale', () => {
    const served = servedRoutes(app);
    const declared = app.app.api.routes.map((r) => `${r.method.toUpperCase()} ${r.path}`);
    assert.deepEqual(
      [...served].sort(),
      [...declared].sort(),
      'every route is declared through ApiRouter (with an action)',
    );
    assert.deepEqual([...served].sort(), Object.keys(expectedRoutes).sort());
    assert.deepEqual(Object.keys(requestSchemas).sort(), Object.keys(expectedSocket).sort());
  });

  it('[acct-1] each REST route answers each role as expected', async () => {
    const problems: string[] = [];
    // These end the session (all of the person's, for sign-out-everywhere): the next call signs
    // in again. Every other call shares one sign-in per actor.
    const ending = new Set(['POST /auth/sign-out', 'POST /auth/sign-out-everywhere', 'DELETE /me']);
    for (const actor of actors) {
      let signedIn = await clientFor(actor);
      for (const [key, audience] of Object.entries(expectedRoutes)) {
        const [method = 'GET', path = ''] = key.split(' ');
        const client = signedIn;
        const url = path.replace(/:(token|file)\b/, NO_SUCH_TOKEN).replace(/:\w+/g, NO_SUCH_ID);
        const res = await client.request<{ error?: { code: string } }>(
          method,
          url,
          method === 'GET' ? undefined : {},
        );
        const denied = res.status === 401 || res.status === 403;
        if (allowed(audience, actor) === denied)
          problems.push(`${actor} ${key}: ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
        if (denied && !['unauthenticated', 'forbidden'].includes(res.body.error?.code ?? '')) {
          problems.push(`${actor} ${key}: refused with ${res.body.error?.code}`);
        }
        if (ending.has(key)) signedIn = await clientFor(actor);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('[acct-1] [partner-3] a partnership table answers its members and coordinators; a partner of another organisation finds nothing', async () => {
    const coordinator = await clientFor('coordinator');
    const member = await createPerson({
      roles: ['partner'],
      organisationId: await createOrganisation('partner'),
    });
    const startDate = helsinkiDay(1);
    const created = await coordinator.post<TableDetail>('/tables', {
      title: [{ lang: 'fi', text: 'Kumppanuuspöytä' }],
      memberIds: [member.id],
      sessionLanguages: ['fi'],
      schedule: {
        frequency: 'weekly',
        weekday: weekdayOf(startDate),
        startDate,
        startTime: '12:00',
        durationMinutes: 60,
        count: 1,
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const table = created.body;
    const sessionId = table.meetings[0]!.id;
    const action = await coordinator.post<{ id: string }>(`/tables/${table.id}/actions`, {
      sessionId,
      text: 'x',
      ownerId: member.id,
      dueDate: '2027-01-01',
    });
    const asMember = await new ApiClient(app.url).signIn(member);
    assert.equal((await asMember.get(`/tables/${table.id}`)).status, 200);
    // The matrix's partner works for another organisation: every way in answers "not found".
    const outsider = await clientFor('partner');
    const calls: [string, string, unknown][] = [
      ['GET', `/tables/${table.id}`, undefined],
      ['GET', `/groups/${table.id}`, undefined],
      ['POST', `/tables/${table.id}/agenda`, { sessionId, text: 'x' }],
      ['PUT', `/tables/${table.id}/minutes`, { sessionId, text: 'x', baseVersion: 0 }],
      [
        'POST',
        `/tables/${table.id}/actions`,
        { sessionId, text: 'x', ownerId: member.id, dueDate: '2027-01-01' },
      ],
      ['PUT', `/tables/${table.id}/actions/${action.body.id}`, { status: 'done' }],
    ];
    for (const [method, path, body] of calls)
      assert.equal((await outsider.request(method, path, body)).status, 404, `${method} ${path}`);
    const socket = connect(app.url, {
      transports: ['websocket'],
      extraHeaders: outsider.cookie ? { cookie: outsider.cookie } : {},
    });
    try {
      await new Promise((resolve) => socket.once('connect', () => resolve(true)));
      for (const [name, payload] of [
        ['chat:history', { channelId: table.channelId }],
        ['presence:watch', { groupId: table.id }],
        ['live:join', { sessionId }],
      ] as const) {
        const ack = (await socket.timeout(5000).emitWithAck(name, payload)) as { ok: boolean };
        assert.equal(ack.ok, false, name);
      }
    } finally {
      socket.disconnect();
    }
  });

  it('[acct-1] each socket request answers each role as expected', async () => {
    const problems: string[] = [];
    for (const actor of actors) {
      const client = await clientFor(actor);
      const socket = connect(app.url, {
        transports: ['websocket'],
        extraHeaders: client.cookie ? { cookie: client.cookie } : {},
      });
      try {
        const connected = await new Promise<boolean | Error>((resolve) => {
          socket.once('connect', () => resolve(true));
          socket.once('connect_error', (error) => resolve(error));
        });
        // Signed out, there is no socket at all: every request is refused at the handshake.
        if (actor === 'signed-out') {
          const refused = connected instanceof Error && connected.message === 'unauthenticated';
          if (!refused) problems.push(`signed-out socket was not refused: ${String(connected)}`);
          continue;
        }
        if (connected !== true) throw connected;
        for (const [name, audience] of Object.entries(expectedSocket)) {
          const ack = (await socket.timeout(5000).emitWithAck(name, {})) as {
            ok: boolean;
            error?: { code: string };
          };
          const denied =
            !ack.ok && ['unauthenticated', 'forbidden'].includes(ack.error?.code ?? '');
          if (allowed(audience, actor) === denied)
            problems.push(`${actor} ${name}: ${JSON.stringify(ack)}`);
        }
      } finally {
        socket.disconnect();
      }
    }
    assert.deepEqual(problems, []);
  });
});
