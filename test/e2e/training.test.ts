// [train-4] In a real headless Chromium, in Swedish: a trainee reads a required module (its
// Swedish content chosen over the Finnish), fails its quiz once (told which question was wrong
// and how many attempts are left), passes on the retry; their trainer signs them off; only then
// does the coordinator's group form offer them as a lead facilitator. The module is created
// through the real API by the trainer, as the editor would.
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type {
  EligibleLead,
  ModuleEdit,
  ModuleInput,
  TraineeProgress,
} from '../../server/protocol/training.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { certify } from '../support/groups.ts';
import {
  createPerson,
  signedInClient,
  signInCookie,
  type ApiClient,
  type TestPerson,
} from '../support/people.ts';
import { locale, text } from '../support/locales.ts';

const sv = {
  common: locale('sv', 'common'),
  groups: locale('sv', 'groups'),
  training: locale('sv', 'training'),
};

const SWEDISH_TITLE = 'Att leda en kamratgrupp';
const FINNISH_TITLE = 'Vertaisryhmän ohjaaminen';
const SWEDISH_HEADING = 'En trygg grupp';

/** One required, published module in Finnish and Swedish, with a two-question quiz. */
const moduleInput: ModuleInput = {
  order: 1,
  required: true,
  published: true,
  content: [
    {
      lang: 'fi',
      title: FINNISH_TITLE,
      body: '# Turvallinen ryhmä\n\nRyhmässä jokainen saa puhua loppuun.',
    },
    {
      lang: 'sv',
      title: SWEDISH_TITLE,
      body: [
        `# ${SWEDISH_HEADING}`,
        '',
        'I gruppen får alla tala till punkt. Läs mer i [handboken](https://example.org/handbok).',
        '',
        '- Tystnadsplikt gäller alla.',
        '- Sessionerna spelas inte in.',
        '',
        '<img src="x" onerror="alert(1)"> [inte en länk](javascript:alert(1))',
      ].join('\n'),
    },
  ],
  quiz: {
    passMark: 100,
    maxAttempts: 2,
    questions: [
      {
        id: 'q1',
        prompt: [
          { lang: 'fi', text: 'Kuka voi olla perheryhmän vastaava ohjaaja?' },
          { lang: 'sv', text: 'Vem kan leda en familjegrupp?' },
        ],
        options: [
          {
            id: 'a',
            text: [
              { lang: 'fi', text: 'Sertifioitu vertaisohjaaja' },
              { lang: 'sv', text: 'En certifierad kamratledare' },
            ],
          },
          {
            id: 'b',
            text: [
              { lang: 'fi', text: 'Kuka tahansa' },
              { lang: 'sv', text: 'Vem som helst' },
            ],
          },
        ],
        correct: ['a'],
      },
      {
        id: 'q2',
        prompt: [
          { lang: 'fi', text: 'Mikä kuuluu turvalliseen ryhmään?' },
          { lang: 'sv', text: 'Vad hör till en trygg grupp?' },
        ],
        options: [
          {
            id: 'a',
            text: [
              { lang: 'fi', text: 'Vaitiolovelvollisuus' },
              { lang: 'sv', text: 'Tystnadsplikt' },
            ],
          },
          {
            id: 'b',
            text: [
              { lang: 'fi', text: 'Tapaamisten tallentaminen' },
              { lang: 'sv', text: 'Att sessionerna spelas in' },
            ],
          },
          {
            id: 'c',
            text: [
              { lang: 'fi', text: 'Jokainen saa puhua loppuun' },
              { lang: 'sv', text: 'Att alla får tala till punkt' },
            ],
          },
        ],
        correct: ['a', 'c'],
      },
    ],
  },
  reflection: null,
};

describe('[train-4] a trainee completes a module in Swedish and is signed off', function () {
  this.timeout(180_000);
  let app: TestApp;
  let browser: Browser;
  let trainer: TestPerson;
  let trainee: TestPerson;
  let certified: TestPerson;
  let coordinator: TestPerson;
  let trainerApi: ApiClient;
  let coordinatorApi: ApiClient;
  let module: ModuleEdit;

  before(async () => {
    app = await startTestApp({ label: 'train4' });
    browser = await launchBrowser();
    trainer = await createPerson({
      roles: ['trainer'],
      language: 'sv',
      displayName: 'Maria Holmström',
    });
    trainee = await createPerson({
      roles: ['facilitator'],
      language: 'sv',
      supervisorId: trainer.id,
      displayName: 'Sofia Lindqvist',
    });
    // Already certified: the lead select is not simply empty before the sign-off.
    certified = await createPerson({
      roles: ['facilitator'],
      language: 'sv',
      supervisorId: trainer.id,
      displayName: 'Erik Nyström',
    });
    await certify(certified.id, trainer.id);
    coordinator = await createPerson({ roles: ['coordinator'], language: 'sv' });
    trainerApi = await signedInClient(app.url, trainer);
    coordinatorApi = await signedInClient(app.url, coordinator);
    const created = await trainerApi.post<ModuleEdit>('/training/modules', moduleInput);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    module = created.body;
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  async function contextOf(person: TestPerson, width = 1024): Promise<BrowserContext> {
    const cookie = await signInCookie(app.url, person);
    const context = await browser.newContext({
      locale: 'sv-FI',
      timezoneId: 'Europe/Helsinki',
      viewport: { width, height: 800 },
    });
    await context.addCookies([{ name: cookie.name, value: cookie.value, url: app.url }]);
    return context;
  }
  const overflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const svDate = (page: Page, iso: string) =>
    page.evaluate(
      (at) =>
        new Intl.DateTimeFormat('sv', { timeZone: 'Europe/Helsinki', dateStyle: 'medium' }).format(
          new Date(at),
        ),
      iso,
    );

  /** The names the group form's lead select offers, once both staff lists have loaded. */
  async function leadOptions(page: Page): Promise<string[]> {
    await page.goto(`${app.url}/admin/groups/new`);
    const lead = page.getByLabel(text(sv.groups, 'setup.lead'));
    const co = page.getByLabel(text(sv.groups, 'setup.co'));
    // The co-facilitator list (every facilitator) holds the trainee once the lists are in.
    await co.locator('option', { hasText: trainee.displayName }).waitFor({ state: 'attached' });
    await lead.locator('option', { hasText: certified.displayName }).waitFor({ state: 'attached' });
    await page.getByText(text(sv.training, 'leads.hint')).waitFor();
    return lead.locator('option').allTextContents();
  }

  it("[train-4] a trainee completes a module's quiz in Swedish; the trainer signs them off; the new facilitator appears as eligible lead for a group", async () => {
    // Before: the trainee is no eligible lead, in the API or in the coordinator's form.
    const before = await coordinatorApi.get<EligibleLead[]>('/training/eligible-leads');
    assert.equal(before.status, 200);
    assert.ok(before.body.some((l) => l.id === certified.id));
    assert.ok(!before.body.some((l) => l.id === trainee.id), 'a trainee is not an eligible lead');
    const coordinatorContext = await contextOf(coordinator);
    const coordinatorPage = await coordinatorContext.newPage();
    const leadsBefore = await leadOptions(coordinatorPage);
    assert.ok(!leadsBefore.some((o) => o.includes(trainee.displayName)), leadsBefore.join(' | '));

    // The trainee, on a phone, in Swedish: their programme from the menu.
    const traineeContext = await contextOf(trainee, 360);
    const page = await traineeContext.newPage();
    await page.goto(`${app.url}/`);
    await page.getByRole('button', { name: text(sv.common, 'nav.menu') }).click();
    await page
      .getByRole('navigation', { name: text(sv.common, 'nav.label') })
      .getByRole('link', { name: text(sv.training, 'nav.programme'), exact: true })
      .click();
    await page
      .getByRole('heading', { level: 1, name: text(sv.training, 'programme.title') })
      .waitFor();
    await page
      .getByText(text(sv.training, 'progress.required', { passed: '0', total: '1' }))
      .waitFor();
    await page.getByText(text(sv.training, 'certification.none')).waitFor();
    const item = page.locator('.module-item', { hasText: SWEDISH_TITLE });
    await item.getByText(text(sv.training, 'status.notStarted')).waitFor();
    await item.getByText(text(sv.training, 'module.required')).waitFor();

    // The module: Swedish content (not the Finnish), rendered safely.
    await page.getByRole('link', { name: SWEDISH_TITLE }).click();
    await page.getByRole('heading', { level: 1, name: SWEDISH_TITLE }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/training/modules/${module.id}`);
    await page.getByRole('heading', { level: 2, name: SWEDISH_HEADING }).waitFor();
    assert.equal(await page.getByText(FINNISH_TITLE).count(), 0, 'the Finnish text is not shown');
    const switcher = page.getByRole('group', { name: text(sv.training, 'module.contentLanguage') });
    assert.equal(
      await switcher.getByRole('button', { name: 'Svenska' }).getAttribute('aria-pressed'),
      'true',
    );
    const handbook = page.locator('.markdown').getByRole('link', { name: /handboken/ });
    assert.equal(await handbook.getAttribute('href'), 'https://example.org/handbok');
    assert.equal(await handbook.getAttribute('rel'), 'noopener noreferrer nofollow');
    assert.equal(await page.locator('.markdown img').count(), 0, 'raw HTML is not rendered');
    assert.equal(await page.locator('.markdown a[href^="javascript"]').count(), 0);
    assert.ok((await overflow(page)) <= 0, 'the module fits a 360 px phone');

    await page.getByRole('button', { name: text(sv.training, 'module.markRead') }).click();
    await page.getByText(text(sv.training, 'module.read')).waitFor();

    // First attempt: the second question only half right.
    const q1 = page.getByRole('group', { name: /Vem kan leda en familjegrupp\?/ });
    const q2 = page.getByRole('group', { name: /Vad hör till en trygg grupp\?/ });
    await page.getByText(text(sv.training, 'quiz.attemptsLeft_other', { count: '2' })).waitFor();
    assert.equal(await q1.getByRole('radio').count(), 2, 'one answer: radio buttons');
    assert.equal(await q2.getByRole('checkbox').count(), 3, 'several answers: checkboxes');
    await q1.getByLabel('En certifierad kamratledare').check();
    await q2.getByLabel('Tystnadsplikt').check();
    const send = page.getByRole('button', { name: text(sv.training, 'quiz.submit') });
    await send.click();
    const result = page.locator('.quiz-result');
    await result
      .getByRole('heading', { level: 3, name: text(sv.training, 'quiz.notPassed') })
      .waitFor();
    const percent = (n: number) =>
      page.evaluate((v) => new Intl.NumberFormat('sv', { style: 'percent' }).format(v / 100), n);
    await result
      .getByText(
        text(sv.training, 'quiz.score', { score: await percent(50), passMark: await percent(100) }),
      )
      .waitFor();
    assert.match(
      (await result.locator('li', { hasText: 'Vad hör till en trygg grupp?' }).textContent()) ?? '',
      new RegExp(`${text(sv.training, 'quiz.wrong')}$`),
    );
    assert.match(
      (await result.locator('li', { hasText: 'Vem kan leda en familjegrupp?' }).textContent()) ??
        '',
      new RegExp(`${text(sv.training, 'quiz.right')}$`),
    );
    await result.getByText(text(sv.training, 'quiz.attemptsLeft_one', { count: '1' })).waitFor();

    // The retry, all right.
    await result.getByRole('button', { name: text(sv.training, 'quiz.retry') }).click();
    assert.equal(await q2.getByLabel('Tystnadsplikt').isChecked(), false, 'a fresh form');
    await q1.getByLabel('En certifierad kamratledare').check();
    await q2.getByLabel('Tystnadsplikt').check();
    await q2.getByLabel('Att alla får tala till punkt').check();
    await send.click();
    await result
      .getByRole('heading', { level: 3, name: text(sv.training, 'quiz.passed') })
      .waitFor();
    await page
      .locator('.module-status')
      .getByText(text(sv.training, 'status.passed'), { exact: true })
      .waitFor();

    // The trainer: the trainee is ready; signing off certifies them.
    const trainerContext = await contextOf(trainer);
    const trainerPage = await trainerContext.newPage();
    await trainerPage.goto(`${app.url}/training/trainees`);
    await trainerPage
      .getByRole('heading', { level: 1, name: text(sv.training, 'trainees.title') })
      .waitFor();
    const card = trainerPage.locator('.trainee-item', { hasText: trainee.displayName });
    await card.getByText(text(sv.training, 'trainees.ready')).waitFor();
    await card
      .getByText(text(sv.training, 'progress.required', { passed: '1', total: '1' }))
      .waitFor();
    await card.getByRole('link', { name: trainee.displayName }).click();
    await trainerPage.getByRole('heading', { level: 1, name: trainee.displayName }).waitFor();
    await trainerPage
      .locator('.trainee-module', { hasText: SWEDISH_TITLE })
      .getByText(text(sv.training, 'status.passed'), { exact: true })
      .waitFor();
    await trainerPage.getByText(text(sv.training, 'signOff.ready')).waitFor();
    await trainerPage
      .getByLabel(text(sv.training, 'signOff.note'))
      .fill('Deltog aktivt i alla träffar.');
    await trainerPage
      .getByRole('button', {
        name: text(sv.training, 'signOff.submit', { name: `\u2068${trainee.displayName}\u2069` }),
      })
      .click();
    const certification = trainerPage.locator('.certification.valid');
    await certification.getByText(text(sv.training, 'signOff.certified')).waitFor();
    const after = await trainerApi.get<TraineeProgress>(`/training/trainees/${trainee.id}`);
    assert.equal(after.status, 200);
    const validUntil = after.body.certification?.validUntil;
    assert.ok(
      validUntil && after.body.certification?.valid,
      'the server holds a valid certification',
    );
    const until = await svDate(trainerPage, validUntil);
    assert.equal(
      await certification.locator(`time[datetime="${validUntil}"]`).textContent(),
      until,
    );
    await certification.getByText('Deltog aktivt i alla träffar.').waitFor();
    await certification.getByText(trainer.displayName).waitFor();

    // The trainee's own page says so too.
    await page.goto(`${app.url}/training`);
    await page
      .locator('.certified', { hasText: text(sv.training, 'certification.validUntil') })
      .waitFor();
    await page
      .getByText(text(sv.training, 'progress.required', { passed: '1', total: '1' }))
      .waitFor();

    // The coordinator's group form now offers them as lead, with the certification's end.
    const leadsAfter = await leadOptions(coordinatorPage);
    const option = leadsAfter.find((o) => o.includes(trainee.displayName));
    assert.ok(option, `the new facilitator is offered as lead: ${leadsAfter.join(' | ')}`);
    assert.ok(option.includes(text(sv.training, 'leads.certifiedUntil', { date: until })), option);
    const eligible = await coordinatorApi.get<EligibleLead[]>('/training/eligible-leads');
    assert.ok(eligible.body.some((l) => l.id === trainee.id));

    await Promise.all([traineeContext.close(), trainerContext.close(), coordinatorContext.close()]);
  });
});
