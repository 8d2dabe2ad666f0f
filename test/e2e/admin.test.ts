// [admin-1] The coordinator's people pages in a real headless Chromium: invite a person (the
// email carries the link), revoke another invitation (its link stops working), the invited
// person accepts by the link and has the invited role, the coordinator changes a role, and the
// audit page lists each of these actions with who did them.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext } from 'playwright-core';
import { OutboxMessage } from '../../server/mail/outbox.model.ts';
import { backgroundSettled } from '../../server/platform/afterResponse.ts';
import { Person } from '../../server/people/person.model.ts';
import { PEOPLE_PAGE } from '../../server/protocol/api.ts';
import type { SessionInfo } from '../../server/protocol/api.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { ApiClient, createOrganisation, createPerson, signInCookie } from '../support/people.ts';
import { locale, text } from '../support/locales.ts';

const fi = { account: locale('fi', 'account'), email: locale('fi', 'email') };
const isolated = (value: string) => `\u2068${value}\u2069`;

describe('[admin] people, roles, invitations and the audit page in a browser', function () {
  this.timeout(120_000);
  let app: TestApp;
  let browser: Browser;

  before(async () => {
    app = await startTestApp({ label: 'admin' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  async function contextFor(person?: Parameters<typeof signInCookie>[1]): Promise<BrowserContext> {
    const context = await browser.newContext({ locale: 'fi-FI' });
    if (person) {
      const cookie = await signInCookie(app.url, person);
      await context.addCookies([{ name: cookie.name, value: cookie.value, url: app.url }]);
    }
    return context;
  }

  it('[admin-1] invite, revoke, accept by the emailed link, change a role; the audit page shows each', async () => {
    const organisation = `Keskus ${randomBytes(3).toString('hex')}`;
    await createOrganisation('central', organisation);
    const coordinator = await createPerson({ roles: ['coordinator'], displayName: 'Kaisa' });
    const context = await contextFor(coordinator);
    const page = await context.newPage();
    await page.goto(`${app.url}/admin/people`);
    await page
      .getByRole('heading', { level: 1, name: text(fi.account, 'admin.people.title') })
      .waitFor();
    const a = fi.account;

    const invite = async (email: string) => {
      await page.getByLabel(text(a, 'fields.email'), { exact: true }).fill(email);
      await page
        .getByRole('group', { name: text(a, 'admin.invite.roles') })
        .getByLabel(text(a, 'roles.facilitator'))
        .check();
      await page
        .getByLabel(text(a, 'admin.organisation'))
        .first()
        .selectOption({ label: organisation });
      await page.getByRole('button', { name: text(a, 'admin.invite.submit') }).click();
      await page.getByText(text(a, 'admin.invite.sent', { email: isolated(email) })).waitFor();
      await backgroundSettled();
      const mail = await OutboxMessage.findOne({ to: email, template: 'invitation' }).lean();
      assert.equal(mail?.subject, text(fi.email, 'invitation.subject', { organisation }));
      const link = mail.links.find((l) => l.includes('/invitation?token='));
      assert.ok(link, 'the email carries the invitation link');
      return link;
    };
    const invited = `ohjaaja-${randomBytes(4).toString('hex')}@test.rinnalla.fi`;
    const revoked = `peruttu-${randomBytes(4).toString('hex')}@test.rinnalla.fi`;
    const link = await invite(invited);
    const revokedLink = await invite(revoked);

    // Revoke the second: listed as pending until then.
    const card = page.locator('li.card', { has: page.getByRole('heading', { name: revoked }) });
    await card
      .getByRole('button', { name: `${text(a, 'admin.invitations.revoke')} ${revoked}` })
      .click();
    await page
      .getByText(text(a, 'admin.invitations.revoked', { email: isolated(revoked) }))
      .waitFor();

    // The invited person opens the link, signed out, and creates the account.
    const guest = await contextFor();
    const welcome = await guest.newPage();
    await welcome.goto(link);
    await welcome.getByText(text(a, 'invitation.intro', { organisation })).waitFor();
    await welcome.getByLabel(text(a, 'fields.displayName'), { exact: true }).fill('Ville Ohjaaja');
    await welcome
      .getByLabel(text(a, 'fields.password'), { exact: true })
      .fill('pitkä ja hyvä salasana');
    await welcome
      .getByLabel(text(a, 'signUp.acceptPrivacy').replace(/<\/?privacyLink>/g, ''))
      .check();
    await welcome.getByRole('button', { name: text(a, 'invitation.accept') }).click();
    await welcome.waitForURL((url) => url.pathname !== '/invitation', { timeout: 15_000 });
    const signIn = await new ApiClient(app.url).post<SessionInfo>('/auth/sign-in', {
      email: invited,
      password: 'pitkä ja hyvä salasana',
    });
    assert.equal(signIn.status, 200, 'the new account signs in');
    assert.deepEqual(signIn.body.person?.roles, ['facilitator']);

    // The revoked link is refused.
    await welcome.goto(revokedLink);
    await welcome.locator('.error-summary').waitFor();
    assert.equal(
      await welcome.getByRole('button', { name: text(a, 'invitation.accept') }).count(),
      0,
    );
    assert.equal(await Person.countDocuments({ email: revoked }), 0);
    await guest.close();

    // The coordinator makes the new facilitator a trainer too.
    await page.reload();
    await page.getByLabel(text(a, 'admin.people.search')).fill('Ville');
    await page.getByRole('button', { name: text(a, 'admin.people.searchButton') }).click();
    await page.getByText(text(a, 'admin.people.count_one', { count: 1 })).waitFor();
    await page
      .getByRole('button', { name: `${text(a, 'admin.people.editRoles')} Ville Ohjaaja` })
      .click();
    const roles = page.getByRole('group', {
      name: text(a, 'admin.roles.rolesOf', { name: isolated('Ville Ohjaaja') }),
    });
    await roles.getByLabel(text(a, 'roles.trainer')).check();
    await page.getByRole('button', { name: text(a, 'admin.roles.save') }).click();
    await page.getByText(text(a, 'admin.roles.saved')).waitFor();
    const person = await Person.findOne({ email: invited }).lean();
    assert.deepEqual([...(person?.roles ?? [])].sort(), ['facilitator', 'trainer']);

    // The audit page: each action, with who did it.
    await page.goto(`${app.url}/admin/audit`);
    await page.getByRole('heading', { level: 1, name: text(a, 'audit.title') }).waitFor();
    const entry = (action: string) =>
      page.locator('li.card', {
        has: page.getByText(text(a, `audit.actions.${action}`), { exact: true }),
      });
    await entry('roles.changed').first().waitFor();
    assert.equal(await entry('invitation.created').count(), 2);
    assert.equal(await entry('invitation.revoked').count(), 1);
    assert.equal(await entry('invitation.accepted').count(), 1);
    assert.ok((await entry('roles.changed').first().innerText()).includes('Kaisa'), 'by whom');
    assert.ok((await entry('invitation.revoked').innerText()).includes('Kaisa'));
    await context.close();
  });

  it('[admin-2] everyone comes newest first, a page at a time: "show more" brings the older ones', async () => {
    const a = fi.account;
    const tag = randomBytes(3).toString('hex');
    await Person.insertMany(
      Array.from({ length: PEOPLE_PAGE + 10 }, (_, i) => ({
        email: `many-${i}-${tag}@admin.test`,
        displayName: `Perhe ${tag} ${i}`,
        roles: ['family'],
      })),
    );
    const coordinator = await createPerson({ roles: ['coordinator'], displayName: 'Kaisa' });
    const everyone = await Person.countDocuments();
    const context = await contextFor(coordinator);
    const page = await context.newPage();
    await page.goto(`${app.url}/admin/people`);
    const cards = page.locator('li.card', {
      has: page.getByRole('button', { name: text(a, 'admin.people.editRoles') }),
    });
    const more = page.getByRole('button', { name: text(a, 'admin.people.more') });
    await more.waitFor();
    assert.equal(await cards.count(), PEOPLE_PAGE);
    assert.match(await cards.first().innerText(), /Kaisa/, 'the newest first');
    assert.equal(
      await page.getByRole('heading', { name: `Perhe ${tag} 0`, exact: true }).count(),
      0,
    );
    await more.click();
    await page.getByRole('heading', { name: `Perhe ${tag} 0`, exact: true }).waitFor();
    assert.equal(await cards.count(), everyone, 'everyone once');
    await more.waitFor({ state: 'detached' });
    await context.close();
  });
});
