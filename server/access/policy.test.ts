// [acct-1] The permission matrix: every REST route and every socket request, called as every
// role and signed out. The expectations are written out here, independently of the policy,
// and the routes are read from the running app: a route without an entry fails the test.
import assert from 'node:assert/strict';
import { io as connect } from 'socket.io-client';
import { requestSchemas, type RequestName } from '../protocol/socket.ts';
import { ROLES, type Role } from '../protocol/api.ts';
import type { TableDetail } from '../protocol/partnership.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { helsinkiDay, weekdayOf } from '../../test/support/groups.ts';
import {
  ApiClient,
  createOrganisation,
  createPerson,
  type TestPerson,
} from '../../test/support/people.ts';

export type Audience = 'anyone' | 'signedIn' | Role[];
const actors = ['signed-out', ...ROLES] as const;
type ActorName = (typeof actors)[number];

/** Shared with the [privacy-1] walk (test/e2e/privacy.test.ts), which calls each as its role. */
export const expectedRoutes: Record<string, Audience> = {
  'GET /auth/session': 'anyone',
  'POST /auth/sign-up': 'anyone',
  'POST /auth/verify-email': 'anyone',
  'POST /auth/resend-verification': 'anyone',
  'POST /auth/sign-in': 'anyone',
  'POST /auth/sign-out': 'signedIn',
  'POST /auth/sign-out-everywhere': 'signedIn',
  'POST /auth/password-reset': 'anyone',
  'POST /auth/password-reset/complete': 'anyone',
  'GET /me': 'signedIn',
  'PATCH /me': 'signedIn',
  'GET /me/export': 'signedIn',
  'DELETE /me': 'signedIn',
  'GET /people': ['coordinator', 'trainer'],
  'GET /people/:id': 'signedIn',
  'PUT /people/:id/roles': ['coordinator'],
  'GET /organisations': 'signedIn',
  'POST /organisations': ['coordinator'],
  'GET /invitations': ['coordinator'],
  'POST /invitations': ['coordinator'],
  'DELETE /invitations/:id': ['coordinator'],
  'GET /invitations/:token': 'anyone',
  'POST /invitations/:token/accept': 'anyone',
  'GET /referrals': ['partner'],
  'POST /referrals': ['partner'],
  'GET /referrals/sources': ['coordinator'],
  'GET /referral-links/:token': 'anyone',
  'POST /referral-links/:token/consent': 'anyone',
  'GET /me/referrals': 'signedIn',
  'POST /me/referrals/:id/withdraw': 'signedIn',
  'GET /partners': ['partner', 'coordinator'],
  'GET /partners/reach': ['partner'],
  'POST /partners': ['coordinator'],
  'POST /partners/:id/contacts': ['coordinator'],
  'POST /partners/:id/contacts/:personId/leave': ['coordinator'],
  'GET /directory': ['family', 'facilitator', 'trainer', 'coordinator', 'partner'],
  'GET /directory/mine': ['partner', 'coordinator'],
  'POST /directory': ['partner', 'coordinator'],
  'PUT /directory/:id': ['partner', 'coordinator'],
  'POST /directory/:id/confirm': ['partner', 'coordinator'],
  'DELETE /directory/:id': ['partner', 'coordinator'],
  'GET /groups': 'anyone',
  'GET /groups/all': ['coordinator'],
  'GET /groups/mine': 'signedIn',
  'GET /groups/:id': 'anyone',
  'POST /groups': ['coordinator'],
  'PUT /groups/:id': ['coordinator', 'facilitator'],
  'POST /groups/:id/schedule/changes': ['coordinator', 'facilitator'],
  'POST /groups/:id/enrolments': ['family'],
  'DELETE /groups/:id/enrolments/me': 'signedIn',
  'GET /groups/:id/enrolments': ['coordinator', 'facilitator', 'trainer'],
  'POST /groups/:id/enrolments/:enrolmentId/approve': ['coordinator', 'facilitator'],
  'POST /groups/:id/enrolments/:enrolmentId/remove': ['coordinator', 'facilitator'],
  'GET /groups/:id/sessions': 'anyone',
  'GET /sessions/:sessionId/attendance': ['coordinator', 'facilitator', 'trainer'],
  'PUT /sessions/:sessionId/attendance': ['coordinator', 'facilitator'],
  'GET /sessions/:sessionId/entry': 'signedIn',
  'GET /sessions/:sessionId/interpreters': ['coordinator', 'facilitator', 'trainer'],
  'POST /sessions/:sessionId/interpreters': ['coordinator', 'facilitator', 'trainer'],
  'DELETE /sessions/:sessionId/interpreters/:personId': ['coordinator', 'facilitator', 'trainer'],
  'GET /me/reminders': 'signedIn',
  'PUT /me/reminders': 'signedIn',
  'GET /notifications': 'signedIn',
  'POST /notifications/read': 'signedIn',
  'GET /me/calendar': 'signedIn',
  'POST /me/calendar': 'signedIn',
  'GET /calendar/:file': 'anyone',
  'GET /groups/:id/calendar.ics': 'anyone',
  'GET /reach': ['coordinator'],
  'GET /reach.csv': ['coordinator'],
  'GET /report': ['coordinator'],
  'GET /report.csv': ['coordinator'],
  'POST /volunteer-applications': 'anyone',
  'GET /meetings': ['facilitator', 'trainer', 'coordinator'],
  'POST /meetings': ['facilitator', 'trainer', 'coordinator'],
  'GET /meetings/colleagues': ['facilitator', 'trainer', 'coordinator'],
  'PUT /meetings/:id/members': ['facilitator', 'trainer', 'coordinator'],
  'POST /alongside/requests': ['family'],
  'GET /alongside/mine': ['family'],
  'POST /alongside/requests/:id/withdraw': ['family'],
  'POST /alongside/pairings/:id/end': ['family', 'coordinator'],
  'GET /alongside/requests': ['coordinator'],
  'GET /alongside/requests/:id/candidates': ['coordinator'],
  'POST /alongside/requests/:id/pair': ['coordinator'],
  'GET /alongside/walking': ['facilitator'],
  'POST /alongside/pairings/:id/contacts': ['facilitator'],
  'POST /alongside/pairings/:id/meeting': ['family', 'facilitator'],
  'GET /alongside/volunteers': ['trainer'],
  'GET /tables': ['partner', 'coordinator'],
  'POST /tables': ['coordinator'],
  'GET /tables/:id': ['partner', 'coordinator'],
  'PUT /tables/:id/members': ['coordinator'],
  'POST /tables/:id/agenda': ['partner', 'coordinator'],
  'DELETE /tables/:id/agenda/:itemId': ['partner', 'coordinator'],
  'PUT /tables/:id/minutes': ['partner', 'coordinator'],
  'POST /tables/:id/actions': ['partner', 'coordinator'],
  'PUT /tables/:id/actions/:actionId': ['partner', 'coordinator'],
  'GET /recruitment': ['coordinator'],
  'GET /recruitment/:id': ['coordinator'],
  'POST /recruitment/:id/transition': ['coordinator'],
  'GET /training/modules': ['facilitator', 'trainer', 'coordinator'],
  'GET /training/modules/:id': ['facilitator', 'trainer', 'coordinator'],
  'GET /training/modules/:id/edit': ['trainer', 'coordinator'],
  'POST /training/modules': ['trainer', 'coordinator'],
  'PUT /training/modules/:id': ['trainer', 'coordinator'],
  'POST /training/modules/:id/read': ['facilitator'],
  'POST /training/modules/:id/quiz': ['facilitator'],
  'PUT /training/modules/:id/reflection': ['facilitator'],
  'GET /training/reflections': ['trainer', 'coordinator'],
  'POST /training/reflections/:id/review': ['trainer'],
  'GET /training/progress': ['facilitator'],
  'GET /training/trainees': ['trainer', 'coordinator'],
  'GET /training/trainees/:personId': ['trainer', 'coordinator'],
  'POST /training/trainees/:personId/certify': ['trainer'],
  'POST /training/trainees/:personId/modules/:moduleId/extra-attempt': ['trainer'],
  'GET /training/eligible-leads': ['coordinator'],
  'GET /interviews/:token': 'anyone',
  'POST /interviews/enter': 'anyone',
  'GET /sessions/:sessionId/report/draft': ['facilitator'],
  'GET /groups/:id/plan': ['coordinator', 'facilitator'],
  'PUT /groups/:id/plan': ['coordinator', 'facilitator'],
  'POST /sessions/:sessionId/report': ['facilitator'],
  'GET /reports': ['facilitator', 'trainer'],
  'GET /reports/due': ['facilitator'],
  'GET /reports/:id': ['facilitator', 'trainer'],
  'POST /reports/:id/feedback': ['trainer'],
  'GET /alerts': ['trainer'],
  'POST /alerts/:id/acknowledge': ['trainer'],
  'GET /supervision/dashboard': ['trainer'],
  'GET /supervision/contact': ['coordinator'],
  'GET /me/pause': ['facilitator'],
  'PUT /me/pause': ['facilitator'],
  'DELETE /me/pause': ['facilitator'],
  'GET /alongside/appointments': ['family'],
  'POST /alongside/appointments': ['family'],
  'PATCH /alongside/appointments/:id': ['family'],
  'DELETE /alongside/appointments/:id': ['family'],
  'GET /alongside/pairings/:id/appointments': ['facilitator'],
  'GET /audit': ['coordinator'],
  'GET /dev/outbox': ['coordinator'],
};

const expectedSocket: Record<RequestName, Audience> = {
  'media:capabilities': 'signedIn',
  'media:createTransport': 'signedIn',
  'media:connectTransport': 'signedIn',
  'media:produce': 'signedIn',
  'media:consume': 'signedIn',
  'media:resumeConsumer': 'signedIn',
  'media:restartIce': 'signedIn',
  'live:join': 'signedIn',
  'live:leave': 'signedIn',
  'live:admit': 'signedIn',
  'live:lobbyMessage': 'signedIn',
  'live:mute': 'signedIn',
  'live:askUnmute': 'signedIn',
  'live:stopCamera': 'signedIn',
  'live:remove': 'signedIn',
  'live:lock': 'signedIn',
  'live:spotlight': 'signedIn',
  'live:end': 'signedIn',
  'live:selfMute': 'signedIn',
  'live:hand': 'signedIn',
  'live:interpreter': 'signedIn',
  'live:channel': 'signedIn',
  'live:react': 'signedIn',
  'live:viewport': 'signedIn',
  'live:quality': 'signedIn',
  'live:whisper': 'signedIn',
  'live:stepIn': 'signedIn',
  'live:breakoutOpen': 'signedIn',
  'live:breakoutMove': 'signedIn',
  'live:breakoutClose': 'signedIn',
  'live:breakoutBroadcast': 'signedIn',
  'live:breakoutChat': 'signedIn',
  'live:plan': 'signedIn',
  'live:roundStart': 'signedIn',
  'live:roundPass': 'signedIn',
  'live:roundEnd': 'signedIn',
  'live:checkInAsk': 'signedIn',
  'live:checkInAnswer': 'signedIn',
  'live:checkInClose': 'signedIn',
  'live:checkInToReport': 'signedIn',
  'media:closeProducer': 'signedIn',
  'chat:send': ['family', 'facilitator', 'trainer', 'coordinator', 'partner'],
  'chat:sync': ['family', 'facilitator', 'trainer', 'coordinator', 'partner'],
  'chat:subscribe': ['family', 'facilitator', 'trainer', 'coordinator', 'partner'],
  'chat:history': ['family', 'facilitator', 'trainer', 'coordinator', 'partner'],
  'chat:read': ['family', 'facilitator', 'trainer', 'coordinator', 'partner'],
  'chat:typing': ['family', 'facilitator', 'trainer', 'coordinator', 'partner'],
  'chat:edit': ['family', 'facilitator', 'trainer', 'coordinator', 'partner'],
  'chat:delete': ['family', 'facilitator', 'trainer', 'coordinator', 'partner'],
  'chat:report': ['family', 'facilitator', 'trainer', 'coordinator', 'partner'],
  'chat:conversations': ['family', 'facilitator', 'trainer', 'coordinator', 'partner'],
  'chat:openDirect': ['family', 'facilitator', 'trainer', 'coordinator', 'partner'],
  'presence:set': ['family', 'facilitator', 'trainer', 'coordinator', 'partner'],
  'presence:watch': ['family', 'facilitator', 'trainer', 'coordinator', 'partner'],
  'chat:announce': ['coordinator'],
  'chat:shareEntry': ['facilitator', 'trainer', 'coordinator'],
  'chat:hide': 'signedIn',
  'group:watch': 'anyone',
  'session:language': 'signedIn',
};

export function allowed(audience: Audience, actor: ActorName): boolean {
  if (audience === 'anyone') return true;
  if (actor === 'signed-out') return false;
  return audience === 'signedIn' || audience.includes(actor);
}

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
    for (const actor of actors) {
      for (const [key, audience] of Object.entries(expectedRoutes)) {
        const [method = 'GET', path = ''] = key.split(' ');
        // A fresh sign-in per call: some calls (sign-out) end the session.
        const client = await clientFor(actor);
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
