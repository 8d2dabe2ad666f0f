// [reach-bundle] A phone's first page stays small: the JavaScript a family's browser loads before
// the page is usable — entry, the route's chunk, one language's translations — is at most 200 kB
// gzip for each first page in each of the twelve languages (measured from the build's manifest,
// bench/bundle/sizes.ts, the figures `npm run bench` records). The public pages are also loaded in
// Chromium and the JavaScript it actually fetched is weighed, so the manifest cannot flatter.
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { LIMIT_KB, measureFirstPages, readManifest } from '../../bench/bundle/sizes.ts';
import { languages } from '../../server/protocol/languages.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';

describe('[reach-bundle] first pages load at most 200 kB of JavaScript (gzip)', function () {
  this.timeout(120_000);

  it('[reach-bundle] every first page, in every language, by the build manifest', () => {
    const manifest = readManifest();
    const over: string[] = [];
    for (const { code } of languages) {
      for (const weight of measureFirstPages(code, manifest)) {
        if (weight.page.endsWith('in the room')) continue; // after Join: reported, not a first page
        if (weight.gzipKb > LIMIT_KB) over.push(`${code} ${weight.page}: ${weight.gzipKb} kB`);
      }
    }
    assert.deepEqual(over, [], `over ${LIMIT_KB} kB gzip:\n${over.join('\n')}`);
  });

  it('[reach-bundle] the live page loads mediasoup-client only for the room, not for its check', () => {
    const manifest = readManifest();
    const [check, room] = measureFirstPages('so', manifest).filter((w) =>
      w.page.startsWith('/sessions/'),
    );
    assert.ok(check && room, 'the live page is measured');
    // The room's media code is tens of kB: it must be the difference, not part of the check.
    assert.ok(room.gzipKb - check.gzipKb > 40, `${check.gzipKb} kB, ${room.gzipKb} kB in the room`);
  });

  describe('in Chromium', () => {
    let app: TestApp;
    let browser: Browser;
    before(async () => {
      app = await startTestApp({ label: 'reachbundle' });
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await app?.close();
    });

    for (const [path, language] of [
      ['/', 'ru'],
      ['/groups', 'ckb'],
      ['/sign-up', 'so'],
      ['/referral', 'ru'],
    ] as const) {
      it(`[reach-bundle] ${path} in ${language}: the JavaScript fetched before network idle`, async () => {
        const context = await browser.newContext({ locale: language });
        const page = await context.newPage();
        const bodies: Promise<number>[] = [];
        page.on('response', (response) => {
          const type = response.request().resourceType();
          if (type !== 'script' && !response.url().endsWith('.js')) return;
          bodies.push(
            response.body().then(
              (body) => gzipSync(body, { level: 9 }).length,
              () => 0,
            ),
          );
        });
        await page.goto(`${app.url}${path}`, { waitUntil: 'networkidle' });
        assert.equal(await page.locator('html').getAttribute('lang'), language);
        const kb = (await Promise.all(bodies)).reduce((a, b) => a + b, 0) / 1000;
        await context.close();
        assert.ok(bodies.length > 0, 'scripts were fetched');
        if (process.env.BUNDLE_LOG) console.log(`      ${path} ${language}: ${kb.toFixed(1)} kB`);
        assert.ok(kb <= LIMIT_KB, `${path} in ${language}: ${kb.toFixed(1)} kB gzip`);
      });
    }
  });
});
