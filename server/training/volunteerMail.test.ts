// [sec-6] The public volunteer form cannot be used to send someone a mail with the sender's own
// words in it (a phishing link, a fake "your account is locked"): the confirmation is fixed,
// translated text — and so are the later decline and interview emails to that address.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { ApiClient, createPerson, signedInClient } from '../../test/support/people.ts';
import { OutboxMessage } from '../mail/outbox.model.ts';
import { projectRoot } from '../platform/paths.ts';

const lure = 'Your account is locked, verify at https://rinnalla-verify.example/login now';
const link = 'https://rinnalla-verify.example/login';

describe('[sec-6] volunteer form emails', function () {
  this.timeout(60_000);
  let app: TestApp;

  before(async () => {
    app = await startTestApp({ label: 'sec6volunteer' });
  });
  after(() => app?.close());

  it("[sec-6] the volunteer form's mail contains no attacker free text", async () => {
    const victim = `victim.${Date.now()}@example.fi`;
    const res = await new ApiClient(app.url, 'en').post<{ id: string }>('/volunteer-applications', {
      name: lure.slice(0, 80),
      email: victim,
      languagesSpoken: ['fi'],
      region: 'pirkanmaa',
      motivation: `${lure}. ${link}`,
      availability: `${lure} ${link}`,
      language: 'en',
      consent: true,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));

    const coordinator = await signedInClient(
      app.url,
      await createPerson({ roles: ['coordinator'] }),
    );
    const at = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const moves = [
      { to: 'interviewBooked', interviewAt: at },
      { to: 'declined', reason: 'spam' },
    ];
    for (const move of moves) {
      const moved = await coordinator.post(`/recruitment/${res.body.id}/transition`, move);
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
    }

    const mails = await OutboxMessage.find({ to: victim }).lean();
    assert.deepEqual(mails.map((m) => m.template).sort(), [
      'applicationDeclined',
      'applicationReceived',
      'interviewBooked',
    ]);
    for (const mail of mails) {
      const whole = `${mail.subject}\n${mail.text}\n${mail.links.join('\n')}`;
      assert.ok(!whole.includes('rinnalla-verify.example'), `${mail.template}: no URL of theirs`);
      assert.ok(!/locked/i.test(whole), `${mail.template}: no sentence of theirs`);
    }
    // The confirmation is exactly the translated template, word for word.
    const en = JSON.parse(
      readFileSync(join(projectRoot, 'locales', 'en', 'email.json'), 'utf8'),
    ) as Record<string, string> & { applicationReceived: { subject: string; body: string } };
    const received = mails.find((m) => m.template === 'applicationReceived')!;
    assert.equal(received.subject, en.applicationReceived.subject);
    assert.equal(
      received.text,
      [en.greeting, en.applicationReceived.body, en.signature].join('\n\n'),
    );
  });
});
