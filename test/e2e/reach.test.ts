// [speed-reach] The reach page in a real browser, on a phone, in Finnish and Arabic: the figures
// say when they were counted; after a change they show at once, marked as being counted again,
// and become current by themselves without a reload.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { UpcomingSession } from '../../server/protocol/groups.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { createGroup, createStaff, helsinkiDay, weekdayOf } from '../support/groups.ts';
import { createPerson, signInCookie, signedInClient, type TestPerson } from '../support/people.ts';

describe('[speed-reach] reach figures in a real browser', function () {
  this.timeout(120_000);
  let app: TestApp;
  let browser: Browser;
  const pages: Page[] = [];

  const openAs = async (person: TestPerson, path: string, width: number) => {
    const cookie = await signInCookie(app.url, person);
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    await context.addCookies([{ name: cookie.name, value: cookie.value, url: app.url }]);
    const page = await context.newPage();
    pages.push(page);
    await page.goto(`${app.url}${path}`);
    return page;
  };

  before(async () => {
    app = await startTestApp({ label: 'reach-browser' });
    browser = await launchBrowser();
  });
  after(async () => {
    for (const page of pages) await page.context().close();
    await browser?.close();
    await app?.close();
  });

  it('[speed-reach] counted at, then updating after a correction, then current without a reload (fi and ar, 360 px)', async () => {
    const staff = await createStaff(app.url);
    const first = helsinkiDay(-14);
    const group = await createGroup(staff, {
      schedule: {
        frequency: 'weekly',
        weekday: weekdayOf(first),
        startDate: first,
        startTime: '17:00',
        durationMinutes: 90,
        count: 2,
      },
    });
    const families: TestPerson[] = [];
    for (let i = 0; i < 3; i += 1) {
      const family = await createPerson({ roles: ['family'] });
      families.push(family);
      const res = await (
        await signedInClient(app.url, family)
      ).post(`/groups/${group.id}/enrolments`, { acceptRules: group.rulesVersion });
      assert.equal(res.status, 201);
    }
    const facilitator = await signedInClient(app.url, staff.facilitator);
    const [session] = (await facilitator.get<UpcomingSession[]>(`/groups/${group.id}/sessions`))
      .body;
    const mark = async (present: number) =>
      assert.equal(
        (
          await facilitator.put(`/sessions/${session!.id}/attendance`, {
            entries: families.map((f, i) => ({ personId: f.id, present: i < present })),
          })
        ).status,
        200,
      );
    await mark(1);

    const coordinator = await createPerson({ roles: ['coordinator'], language: 'fi' });
    const page = await openAs(coordinator, '/admin/reach', 360);
    const counted = page.getByTestId('reach-counted');
    await counted.filter({ hasText: /^Laskettu/ }).waitFor();
    assert.doesNotMatch(await counted.innerText(), /lasketaan parhaillaan/);
    const uniqueFamilies = page
      .locator('.totals div')
      .filter({ hasText: 'Eri perheet' })
      .locator('dd');
    assert.equal((await uniqueFamilies.innerText()).trim(), '1');

    // A correction: the page shows the kept figures at once, says they are being counted again,
    // and shows the new ones by itself.
    await mark(3);
    await page.reload();
    await counted.filter({ hasText: 'lasketaan parhaillaan' }).waitFor();
    await page.getByText('lasketaan parhaillaan').waitFor({ state: 'hidden', timeout: 20_000 });
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('.totals div')]
          .find((d) => d.textContent?.includes('Eri perheet'))
          ?.querySelector('dd')
          ?.textContent?.trim() === '3',
    );
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the page fits a 360 px phone (${width} px wide)`);

    // The same in Arabic, right to left.
    const arabic = await createPerson({ roles: ['coordinator'], language: 'ar' });
    const ar = await openAs(arabic, '/admin/reach', 360);
    await ar.getByTestId('reach-counted').filter({ hasText: 'حُسبت في' }).waitFor();
    assert.equal(await ar.evaluate(() => document.documentElement.dir), 'rtl');
    const arWidth = await ar.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(arWidth <= 360, `the Arabic page fits a 360 px phone (${arWidth} px wide)`);
  });
});
