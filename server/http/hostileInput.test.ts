// [acct-4] Malformed and hostile payloads to every write route: 400 with field errors, and the
// database exactly as it was.
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { z } from 'zod';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import {
  ApiClient,
  createOrganisation,
  createPerson,
  type TestPerson,
} from '../../test/support/people.ts';
import { gate } from '../access/policy.ts';
import { ROLES, type Role } from '../protocol/api.ts';

const HUGE = 'x'.repeat(50_000);
const RAW_ATTACKS = [
  '{"__proto__": {"polluted": true, "roles": ["coordinator"]}}',
  '{"constructor": {"prototype": {"polluted": true}}}',
  '[]',
  '"just a string"',
  '{"email": ',
];

function payloadsFor(schema: z.ZodType | undefined): unknown[] {
  const shape: Record<string, z.ZodType> =
    schema instanceof z.ZodObject ? schema.shape : { anything: z.never() };
  const keys = Object.keys(shape);
  return [
    { unexpected: true },
    { $where: 'sleep(1000)' },
    Object.fromEntries(keys.map((k) => [k, { $ne: null }])),
    ...keys.flatMap((k) => [{ [k]: { $gt: '' } }, { [k]: 12345 }, { [k]: HUGE }, { [k]: [HUGE] }]),
    // null is hostile only where a field cannot be cleared (municipality can).
    ...keys.filter((k) => !shape[k]?.safeParse(null).success).map((k) => ({ [k]: null })),
  ];
}

async function snapshot(): Promise<string> {
  const db = mongoose.connection.db;
  assert.ok(db);
  const collections = (await db.listCollections().toArray()).map((c) => c.name).sort();
  const dump: Record<string, unknown[]> = {};
  for (const name of collections)
    dump[name] = await db.collection(name).find().sort({ _id: 1 }).toArray();
  return JSON.stringify(dump);
}

describe('[acct-4] hostile input', function () {
  this.timeout(120_000);
  let app: TestApp;
  const people = new Map<Role, TestPerson>();

  before(async () => {
    app = await startTestApp({ label: 'acct4' });
    const organisationId = await createOrganisation('partner');
    for (const role of ROLES)
      people.set(role, await createPerson({ roles: [role], organisationId }));
  });
  after(() => app?.close());

  it('[acct-4] every write route answers 400 with field errors and changes nothing', async () => {
    const writeRoutes = app.app.api.routes.filter((r) => r.method !== 'get');
    assert.ok(writeRoutes.length >= 15, `${writeRoutes.length} write routes`);
    const clients = new Map<string, ApiClient>();
    const clientFor = async (action: Parameters<typeof gate>[1]) => {
      const anonymous = { kind: 'anonymous', lang: 'fi' } as const;
      const role =
        gate(anonymous, action) === 'allowed'
          ? undefined
          : ROLES.find(
              (r) =>
                gate(
                  {
                    kind: 'person',
                    personId: '',
                    roles: [r],
                    organisationId: null,
                    paused: false,
                    sessionId: '',
                    csrfToken: '',
                    lang: 'fi',
                  },
                  action,
                ) === 'allowed',
            );
      const key = role ?? 'anonymous';
      if (!clients.has(key)) {
        const client = new ApiClient(app.url);
        const person = role && people.get(role);
        clients.set(key, person ? await client.signIn(person) : client);
      }
      return clients.get(key) as ApiClient;
    };

    for (const route of writeRoutes) await clientFor(route.action); // sign in before the snapshot
    const before = await snapshot();
    const problems: string[] = [];
    for (const route of writeRoutes) {
      const client = await clientFor(route.action);
      const path = route.path
        .replace(':id', people.get('family')?.id ?? '')
        .replace(':token', 'a-well-formed-but-unknown-token');
      const attacks = [...payloadsFor(route.body).map((p) => JSON.stringify(p)), ...RAW_ATTACKS];
      for (const body of attacks) {
        const res = await client.request<{
          error?: { code: string; fields?: Record<string, string> };
        }>(route.method.toUpperCase(), path, body);
        const fields = res.body.error?.fields ?? {};
        if (
          res.status !== 400 ||
          Object.keys(fields).length === 0 ||
          Object.values(fields).some((m) => !m)
        ) {
          problems.push(
            `${route.method} ${route.path} ${body.slice(0, 60)} → ${res.status} ${JSON.stringify(res.body).slice(0, 100)}`,
          );
        }
      }
    }
    assert.deepEqual(problems, []);
    assert.ok((await snapshot()) === before, 'the database is unchanged');
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution');
  });

  it('[acct-4] field errors name the field and are in the caller language', async () => {
    const client = new ApiClient(app.url, 'sv');
    const res = await client.post<{
      error: { code: string; message: string; fields: Record<string, string> };
    }>('/auth/sign-up', {
      email: 'not an email',
      password: 'short',
      displayName: 'Ok',
      language: 'xx',
      acceptPrivacy: 'yes',
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'invalid');
    assert.deepEqual(Object.keys(res.body.error.fields).sort(), [
      'acceptPrivacy',
      'email',
      'language',
      'password',
    ]);
    assert.match(res.body.error.fields.password ?? '', /minst 10/);
  });
});
