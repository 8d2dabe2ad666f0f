// [partner-1] A referral that follows through, in real browsers: a partner worker (Finnish UI)
// refers a family to a group in Arabic; the family opens the link on a phone, reads it in
// Arabic, chooses what the partner may follow, signs up and enrols. The partner's page shows
// each allowed stage and nothing else — every API answer and WebSocket frame the partner's
// browser receives is scanned — and after the family withdraws, only "consent withdrawn".
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { OutboxMessage } from '../../server/mail/outbox.model.ts';
import type { GroupDetail, UpcomingSession } from '../../server/protocol/groups.ts';
import type { PartnerOrganisationInfo } from '../../server/protocol/partners.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { createGroup, createStaff, helsinkiDay, type GroupStaff } from '../support/groups.ts';
import { liveSocket, must } from '../support/live.ts';
import { locale, text } from '../support/locales.ts';
import { ApiClient, createPerson, signInCookie, type TestPerson } from '../support/people.ts';

const fi = { account: locale('fi', 'account'), partners: locale('fi', 'partners') };
const ar = {
  account: locale('ar', 'account'),
  groups: locale('ar', 'groups'),
  partners: locale('ar', 'partners'),
};

/** A name inside a sentence is isolated (client/src/lib/bidi.tsx). */
const isolated = (name: string) => `\u2068${name}\u2069`;

describe('[partner-1] a referral followed through with the family’s consent', function () {
  this.timeout(180_000);
  let app: TestApp;
  let browser: Browser;
  let staff: GroupStaff;
  let partner: TestPerson;
  let organisation: PartnerOrganisationInfo;
  let group: GroupDetail;
  let otherGroup: GroupDetail;
  /** Everything the partner's browser received from the server. */
  const received: string[] = [];

  const schedule = {
    frequency: 'weekly' as const,
    weekday: 'mo' as const,
    startDate: helsinkiDay(-7),
    startTime: '18:00',
    durationMinutes: 90,
    count: 6,
  };

  before(async () => {
    app = await startTestApp({ label: 'partner1' });
    browser = await launchBrowser();
    staff = await createStaff(app.url);
    group = await createGroup(staff, { schedule, sessionLanguages: ['ar', 'fi'] });
    otherGroup = await createGroup(staff, {
      schedule,
      title: [{ lang: 'fi', text: 'Toinen ryhmä, jota kumppani ei saa nähdä' }],
    });
    organisation = (
      await staff.coordinator.post<PartnerOrganisationInfo>('/partners', {
        name: 'Vantaan ja Keravan hyvinvointialue, perheneuvola',
        partnerKind: 'wellbeing-county',
        region: 'vantaa-kerava',
        languagesServed: ['fi', 'ar'],
      })
    ).body;
    partner = await createPerson({
      roles: ['partner'],
      organisationId: organisation.id,
      displayName: 'Päivi Perheneuvoja',
    });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  async function partnerPage(): Promise<{ context: BrowserContext; page: Page }> {
    const cookie = await signInCookie(app.url, partner);
    const context = await browser.newContext({ locale: 'fi-FI' });
    await context.addCookies([{ name: cookie.name, value: cookie.value, url: app.url }]);
    const page = await context.newPage();
    page.on('response', (response) => {
      // The public catalogue (the form's list of groups) is what every visitor sees: not scanned.
      const path = new URL(response.url()).pathname;
      if (path.startsWith('/api/') && path !== '/api/groups')
        void response.text().then(
          (body) => received.push(body),
          () => undefined,
        );
    });
    page.on('websocket', (ws) =>
      ws.on('framereceived', ({ payload }) => received.push(String(payload))),
    );
    return { context, page };
  }

  const referralCard = (page: Page) => page.locator('[data-testid="referral-card"]').first();
  const stagesShown = async (page: Page) =>
    page
      .locator('[data-testid="referral-card"] ol.stages li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-stage')));

  it('[partner-1] refer in Arabic, consent on a phone, sign up, enrol; the partner sees the allowed stages only, then only the withdrawal', async () => {
    // The partner refers a family to the group, in Arabic.
    const asPartner = await partnerPage();
    const page = asPartner.page;
    await page.goto(`${app.url}/referrals`);
    await page.getByLabel(text(fi.account, 'referrals.reference')).fill('PN-2026/117');
    await page.getByLabel(text(fi.account, 'referrals.language')).selectOption('ar');
    await page
      .getByLabel(text(fi.partners, 'referral.group'), { exact: true })
      .selectOption(group.id);
    await page.getByLabel(text(fi.account, 'referrals.consent')).check();
    await page.getByRole('button', { name: text(fi.account, 'referrals.submit') }).click();
    const link = await page.getByLabel(text(fi.account, 'referrals.link')).inputValue();
    assert.match(link, /\/referral\?token=[A-Za-z0-9_-]+&lang=ar$/);

    // The family opens it on a phone whose browser speaks Finnish: the page is in Arabic.
    const family = await browser.newContext({
      locale: 'fi-FI',
      viewport: { width: 360, height: 740 },
      hasTouch: true,
      isMobile: true,
    });
    const phone = await family.newPage();
    await phone.goto(link);
    await phone.getByRole('heading', { level: 1, name: text(ar.partners, 'link.title') }).waitFor();
    assert.equal(await phone.locator('html').getAttribute('dir'), 'rtl');
    await phone.getByText('الحياة اليومية بين ثقافتين').waitFor();
    // Nothing is ticked for them; they allow all but "no longer taking part".
    for (const stage of ['opened', 'signed-up', 'enrolled', 'attended', 'left'])
      assert.equal(await phone.getByLabel(text(ar.partners, `stage.${stage}`)).isChecked(), false);
    for (const stage of ['opened', 'signed-up', 'enrolled', 'attended'])
      await phone.getByLabel(text(ar.partners, `stage.${stage}`)).check();
    const overflow = await phone.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    assert.ok(overflow <= 0, `the consent page is ${overflow} px wider than the phone`);

    // Sign up in Arabic, confirm the email, sign in.
    const email = `noor-${randomBytes(4).toString('hex')}@test.rinnalla.fi`;
    const password = 'كلمة مرور طويلة بما يكفي';
    // Their consent goes with their own sign-up (the link alone proves nothing of who holds it).
    await phone.getByRole('link', { name: text(ar.partners, 'link.shareSignUp') }).click();
    await phone.getByLabel(text(ar.account, 'fields.displayName')).fill('نور');
    await phone.getByLabel(text(ar.account, 'fields.email')).fill(email);
    await phone.getByLabel(text(ar.account, 'fields.password'), { exact: true }).fill(password);
    await phone
      .getByLabel(text(ar.account, 'signUp.acceptPrivacy').replace(/<\/?privacyLink>/g, ''))
      .check();
    await phone.getByRole('button', { name: text(ar.account, 'signUp.submit') }).click();
    await phone
      .getByRole('heading', { level: 1, name: text(ar.account, 'checkEmail.title') })
      .waitFor();
    const verify = (
      await OutboxMessage.findOne({ to: email, template: 'verifyEmail' }).lean()
    )?.links.find((l) => l.includes('/verify-email?token='));
    assert.ok(verify);
    await phone.goto(verify);
    await phone.getByText(text(ar.account, 'verify.done')).waitFor();
    await phone.goto(`${app.url}/sign-in`);
    await phone.getByLabel(text(ar.account, 'fields.email')).fill(email);
    await phone.getByLabel(text(ar.account, 'fields.password')).fill(password);
    await phone.getByRole('button', { name: text(ar.account, 'signIn.submit') }).click();
    await phone.waitForURL((url) => url.pathname === '/');

    // Enrol in the group on the phone.
    await phone.goto(`${app.url}/groups/${group.id}`);
    await phone.getByLabel(text(ar.groups, 'enrol.accept')).check();
    await phone.getByRole('button', { name: text(ar.groups, 'enrol.submit') }).click();
    await phone.locator('.enrolment-status').waitFor();

    // Life in the groups, which the partner must never see: chat, attendance, another group.
    const noor = { email, password, id: '', displayName: 'نور', roles: ['family' as const] };
    const asNoor = await new ApiClient(app.url, 'ar').signIn(noor);
    noor.id = (await asNoor.get<{ id: string }>('/me')).body.id;
    const enrolled = await asNoor.post(`/groups/${otherGroup.id}/enrolments`, {
      acceptRules: otherGroup.rulesVersion,
    });
    assert.ok([200, 201].includes(enrolled.status));
    const chatText = `Salainen viesti ${randomBytes(3).toString('hex')}`;
    const socket = await liveSocket(app.url, noor);
    await must(socket, 'chat:send', {
      channelId: `group:${group.id}`,
      clientId: `partner-1-${randomBytes(3).toString('hex')}`,
      text: chatText,
    });
    socket.disconnect();
    const [first] = (await staff.coordinator.get<UpcomingSession[]>(`/groups/${group.id}/sessions`))
      .body;
    const marked = await staff.coordinator.put(`/sessions/${first!.id}/attendance`, {
      entries: [{ personId: noor.id, present: true }],
    });
    assert.equal(marked.status, 200);

    // The partner's page: each allowed stage, in order; nothing else.
    await page.goto(`${app.url}/referrals`);
    await referralCard(page).waitFor();
    await page.locator('ol.stages li[data-stage="attended"]').waitFor();
    assert.deepEqual(await stagesShown(page), ['opened', 'signed-up', 'enrolled', 'attended']);
    await page.getByText(text(fi.partners, 'consent.given')).first().waitFor();

    // The family withdraws on their profile (still on the phone).
    await phone.goto(`${app.url}/profile`);
    await phone.getByRole('heading', { level: 2, name: text(ar.partners, 'mine.title') }).waitFor();
    await phone.getByRole('button', { name: text(ar.partners, 'mine.withdraw') }).click();
    await phone.getByRole('button', { name: text(ar.partners, 'mine.withdrawConfirm') }).click();
    await phone
      .getByText(
        text(ar.partners, 'mine.state.withdrawn', { organisation: isolated(organisation.name) }),
      )
      .waitFor();
    await family.close();

    await page.reload();
    await referralCard(page).getByText(text(fi.partners, 'consent.withdrawn')).waitFor();
    assert.deepEqual(await stagesShown(page), [], 'no stage after the withdrawal');
    await asPartner.context.close();

    // Every answer and frame the partner's browser received, scanned.
    const everything = received.join('\n');
    assert.ok(received.length > 5, 'the partner’s traffic was recorded');
    for (const [what, trace] of [
      ['the chat text', chatText],
      ['the other group', otherGroup.id],
      ['the other group’s title', 'Toinen ryhmä'],
      ['the family’s id', noor.id],
      ['the family’s name', 'نور'],
      ['the family’s email', email],
      ['an attendance entry', '"present"'],
    ] as const)
      assert.ok(!everything.includes(trace), `${what} reached the partner`);
  });
});
