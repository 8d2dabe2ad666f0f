// The mediasoup-demo side of the comparison: its server (demoServer.ts) and the bench's protoo
// client page (demoPage.ts), one browser context per person as for Rinnalla.
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { startDemoServer } from './demoServer.ts';
import { cpuSampler } from './processCpu.ts';
import type { ComparedSystem } from './rooms.ts';

export async function startDemoSystem(
  serverDir: string,
  workers: number,
  demoPageUrl: string,
): Promise<ComparedSystem & { stop(): Promise<void> }> {
  const demo = await startDemoServer(serverDir, workers);
  const cpu = cpuSampler(demo.child.pid!);
  return {
    name: 'mediasoup-demo',
    cpu,
    stop: demo.stop,
    async room() {
      const roomId = `bench-${randomBytes(4).toString('hex')}`;
      return {
        async open(browser: Browser, index: number, probe: string): Promise<Page> {
          const context = await browser.newContext({
            ignoreHTTPSErrors: true, // its WSS server has the bench's throwaway certificate
            viewport: { width: 1280, height: 800 },
          });
          try {
            await context.addInitScript({ content: probe });
            const page = await context.newPage();
            if (process.env.DEBUG_SFU_COMPARE) {
              page.on('console', (m) => console.log(`    [demo ${index}] ${m.text()}`));
            }
            const query = new URLSearchParams({ ws: demo.wsUrl, roomId, peerId: `p${index}` });
            await page.goto(`${demoPageUrl}?${query}`);
            await page.waitForFunction(() => 'demoJoin' in globalThis);
            return page;
          } catch (error) {
            await context.close();
            throw error;
          }
        },
        async join(page: Page) {
          await page.evaluate(() => {
            const { demoJoin } = globalThis as unknown as { demoJoin: () => Promise<void> };
            void demoJoin().catch((error: unknown) => console.error(`join failed: ${error}`));
          });
        },
      };
    },
  };
}
