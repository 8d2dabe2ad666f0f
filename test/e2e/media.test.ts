// [boot-4] Real media: a fake camera in one page reaches another page through the server's
// mediasoup SFU, and the receiver decodes frames.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { build } from 'esbuild';
import { Router } from 'express';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../../server/platform/paths.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { createPerson, signInCookie } from '../support/people.ts';

async function fixtureRoutes(): Promise<Router> {
  const bundle = await build({
    entryPoints: [join(projectRoot, 'test', 'e2e', 'fixtures', 'mediaPage.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  const router = Router();
  router.get('/test-fixtures/media.html', (_req, res) => {
    res
      .type('html')
      .send(
        '<!doctype html><html lang="fi"><title>media</title><script type="module" src="/test-fixtures/media.js"></script></html>',
      );
  });
  router.get('/test-fixtures/media.js', (_req, res) => {
    res.type('js').send(script);
  });
  return router;
}

describe('[boot-4] media through the SFU between two browser pages', function () {
  this.timeout(90_000);
  let app: TestApp;
  let browser: Browser;

  before(async () => {
    app = await startTestApp({
      label: 'boot4',
      testMediaRoom: true,
      extraRoutes: await fixtureRoutes(),
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('[boot-4] media signalling is refused to a signed-out page', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${app.url}/test-fixtures/media.html`);
    await page.waitForFunction(() => 'media' in window);
    // The product's own admission answers: its Socket.IO middleware (server/realtime/io.ts)
    // refuses the handshake of a page without a session, with its code and a message in the
    // page's language. The test room only ever sees sockets the product let in, so a refusal of
    // any other kind (a timeout, the test room not admitting, no camera) fails here.
    const handshake = await page.evaluate(() => window.media.handshake('boot-4'));
    assert.deepEqual(handshake, {
      connected: false,
      message: 'unauthenticated',
      data: { code: 'unauthenticated', message: 'Kirjaudu ensin sisään.' },
    });
    assert.equal(app.sfu.room('boot-4')?.peers.size ?? 0, 0);
  });

  it('[boot-4] the receiving page decodes frames of the fake camera', async () => {
    // Media signalling is for signed-in people only: each page signs in as its own person.
    const pages = [];
    for (const roles of [['facilitator'], ['family']] as const) {
      const context = await browser.newContext();
      const { name, value, url } = await signInCookie(
        app.url,
        await createPerson({ roles: [...roles] }),
      );
      await context.addCookies([{ name, value, url }]);
      pages.push(await context.newPage());
    }
    const [sender, receiver] = pages as [Page, Page];
    for (const page of [sender, receiver]) {
      await page.goto(`${app.url}/test-fixtures/media.html`);
      await page.waitForFunction(() => 'media' in window);
    }
    const producerId = await sender.evaluate(() => window.media.publishCamera('boot-4'));
    assert.match(producerId, /^[0-9a-f-]{36}$/);
    await receiver.evaluate((id) => window.media.receive('boot-4', id), producerId);
    assert.equal(app.sfu.room('boot-4')?.peers.size, 2, 'both pages are peers of the room');
    let frames = 0;
    for (const deadline = Date.now() + 30_000; frames === 0 && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 250));
      frames = await receiver.evaluate(() => window.media.framesDecoded());
    }
    assert.ok(frames > 0, `frames decoded: ${frames}`);
  });
});
