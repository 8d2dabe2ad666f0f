// [sec-6] The development outbox never shows a secret link to anyone but its recipient: a
// coordinator reads everyone's emails there, and a reset link is the account.
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { ApiClient, createPerson, signedInClient } from '../../test/support/people.ts';
import { backgroundSettled } from '../platform/afterResponse.ts';
import type { OutboxMessageInfo } from '../protocol/api.ts';
import { OutboxMessage } from './outbox.model.ts';

describe('[sec-6] the development outbox', function () {
  this.timeout(60_000);
  let app: TestApp;

  before(async () => {
    app = await startTestApp({ label: 'sec6outbox' });
  });
  after(() => app?.close());

  const resetLinkOf = async (email: string) => {
    await backgroundSettled();
    const mail = await OutboxMessage.findOne({ to: email, template: 'passwordReset' }).lean();
    const link = mail?.links[0] ?? '';
    assert.ok(link.includes('token='), `a reset link was sent to ${email}`);
    return link;
  };

  it("[sec-6] the outbox never shows another person's secret link; the recipient sees their own", async () => {
    const family = await createPerson({ roles: ['family'] });
    const coordinator = await createPerson({ roles: ['coordinator'] });
    const reader = await signedInClient(app.url, coordinator);
    const anyone = new ApiClient(app.url, 'en');
    await anyone.post('/auth/password-reset', { email: family.email });
    await anyone.post('/auth/password-reset', { email: coordinator.email });
    const familyLink = await resetLinkOf(family.email);
    const ownLink = await resetLinkOf(coordinator.email);

    const outbox = await reader.get<OutboxMessageInfo[]>('/dev/outbox');
    assert.equal(outbox.status, 200);
    const theirs = outbox.body.find((m) => m.to === family.email);
    assert.ok(theirs, "the family's email is listed");
    assert.deepEqual(theirs.links, []);
    assert.equal(theirs.linksWithheld, true);
    const token = new URL(familyLink).searchParams.get('token') ?? '';
    assert.ok(token.length >= 20);
    assert.ok(!JSON.stringify(outbox.body).includes(token), "the family's token appears nowhere");

    const mine = outbox.body.find((m) => m.to === coordinator.email);
    assert.deepEqual(mine?.links, [ownLink], 'the reader sees the links of their own email');
    assert.ok(mine?.text.includes(ownLink));

    // Another coordinator sees neither link.
    const other = await signedInClient(app.url, await createPerson({ roles: ['coordinator'] }));
    const seen = JSON.stringify((await other.get<OutboxMessageInfo[]>('/dev/outbox')).body);
    for (const secret of [familyLink, ownLink])
      assert.ok(!seen.includes(new URL(secret).searchParams.get('token') ?? '-'), secret);
  });
});
