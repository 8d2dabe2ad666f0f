// [along-1] Walk-alongside in real browsers: a family asks on a phone in Arabic (speaking Somali
// and Arabic), a coordinator pairs them with a certified volunteer who passed the walk-alongside
// module — a facilitator missing either is never offered — and the two talk in their private
// conversation.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { Person } from '../../server/people/person.model.ts';
import { passWalkAlongside, qualifiedVolunteer } from '../support/alongside.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { certify } from '../support/groups.ts';
import { locale, text } from '../support/locales.ts';
import { createPerson, signInCookie, type TestPerson } from '../support/people.ts';

const ar = locale('ar', 'alongside');
const fi = locale('fi', 'alongside');
const SOON = { timeout: 15_000 };
const HELP = 'أحتاج مساعدة في تعبئة طلب إعانة السكن وفي إيجاد مركز للأسرة';
/** A name inside a sentence is isolated (client/src/lib/bidi.tsx). */
const isolated = (name: string) => `\u2068${name}\u2069`;

describe('[along-1] a family asks, a coordinator pairs, the pair talk', function () {
  this.timeout(180_000);
  let app: TestApp;
  let browser: Browser;

  before(async () => {
    app = await startTestApp({ label: 'along1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  async function open(person: TestPerson, path: string, width: number, lang: string) {
    const cookie = await signInCookie(app.url, person);
    const context = await browser.newContext({
      locale: lang,
      viewport: { width, height: 800 },
      ...(width < 500 ? { isMobile: true, hasTouch: true } : {}),
    });
    await context.addCookies([{ name: cookie.name, value: cookie.value, url: app.url }]);
    const page = await context.newPage();
    await page.goto(`${app.url}${path}`);
    return page;
  }
  const overflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  it('[along-1] asked in Arabic on a phone, paired with a qualified volunteer only, and a private conversation', async () => {
    const trainer = await createPerson({ roles: ['trainer'] });
    const volunteer = await qualifiedVolunteer(trainer.id, { displayName: 'Amina' });
    await Person.updateOne({ _id: volunteer.id }, { languagesSpoken: ['fi', 'so'] });
    const uncertified = await createPerson({
      roles: ['facilitator'],
      supervisorId: trainer.id,
      displayName: 'Ei sertifikaattia',
    });
    await passWalkAlongside(uncertified.id);
    const noModule = await createPerson({
      roles: ['facilitator'],
      supervisorId: trainer.id,
      displayName: 'Ei moduulia',
    });
    await certify(noModule.id, trainer.id);
    const family = await createPerson({ roles: ['family'], displayName: 'Hodan', language: 'ar' });
    await Person.updateOne({ _id: family.id }, { languagesSpoken: ['so', 'ar'] });
    const coordinator = await createPerson({ roles: ['coordinator'] });

    // The family asks, on a phone, in Arabic, in their own words.
    const phone = await open(family, '/alongside', 360, 'ar');
    await phone.getByRole('button', { name: text(ar, 'ask.start') }).click();
    assert.equal(await phone.locator('html').getAttribute('dir'), 'rtl');
    await phone.getByLabel(text(ar, 'ask.help')).fill(HELP);
    await phone.getByLabel(text(ar, 'ask.helpLang')).selectOption('ar');
    await phone.getByRole('button', { name: text(ar, 'ask.submit') }).click();
    await phone.getByRole('heading', { name: text(ar, 'family.waitingTitle') }).waitFor(SOON);
    assert.ok((await overflow(phone)) <= 0, 'the page fits a 360 px phone');

    // The coordinator sees the request in the family's words and finds a volunteer.
    const desk = await open(coordinator, '/admin/alongside', 1280, 'fi-FI');
    const card = desk.locator('li.card').filter({ hasText: 'Hodan' });
    const words = card.locator('p.quote');
    await words.waitFor(SOON);
    assert.equal(await words.textContent(), HELP);
    assert.equal(await words.getAttribute('lang'), 'ar', 'the words carry their own language');
    await card.getByRole('button', { name: text(fi, 'admin.findVolunteer') }).click();
    const candidates = card.getByTestId('candidate');
    await candidates.first().waitFor(SOON);
    const offered = await candidates.locator('strong').allTextContents();
    assert.deepEqual(offered, ['Amina'], 'only the certified volunteer who passed the module');
    await card
      .getByRole('button', { name: text(fi, 'admin.pairWith', { name: isolated('Amina') }) })
      .click();
    await desk.getByText(text(fi, 'admin.noneWaiting')).waitFor(SOON);

    // The family sees their volunteer and writes to them.
    await phone.reload();
    await phone
      .getByRole('heading', { name: text(ar, 'family.pairedTitle', { name: isolated('Amina') }) })
      .waitFor(SOON);
    await phone
      .getByRole('link', { name: text(ar, 'family.write', { name: isolated('Amina') }) })
      .click();
    const familyInput = phone.getByTestId('chat-input');
    await familyInput.waitFor(SOON);
    await familyInput.fill('مرحبا أمينة، شكرا لك');
    await familyInput.press('Enter');

    // The volunteer finds the family on their page, reads the message and answers.
    const laptop = await open(volunteer, '/alongside', 1280, 'fi-FI');
    await laptop
      .getByRole('heading', { name: text(fi, 'volunteer.family', { name: isolated('Hodan') }) })
      .waitFor(SOON);
    await laptop.getByText(HELP).waitFor(SOON);
    await laptop
      .getByRole('link', { name: text(fi, 'volunteer.write', { name: isolated('Hodan') }) })
      .click();
    await laptop.getByTestId('chat-message').filter({ hasText: 'مرحبا أمينة' }).waitFor(SOON);
    const reply = laptop.getByTestId('chat-input');
    await reply.fill('Hei Hodan! Soitanko huomenna?');
    await reply.press('Enter');
    await phone.getByTestId('chat-message').filter({ hasText: 'Soitanko huomenna' }).waitFor(SOON);
    assert.ok((await overflow(phone)) <= 0, 'the conversation fits the phone');
  });
});
