// The people of the day, each in their own browser context (their language, their screen), who
// sign up and sign in through the pages as anyone would. Every step leaves a screenshot in
// test/e2e/artifacts/ so a person can look through the day in a minute.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TFunction } from 'i18next';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { translator } from '../../../server/i18n/index.ts';
import { projectRoot } from '../../../server/platform/paths.ts';
import type { LanguageCode } from '../../../server/protocol/languages.ts';
import { trackPeerConnections } from '../liveBrowser.ts';

export const ARTIFACTS = join(projectRoot, 'test', 'e2e', 'artifacts');
export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 860 };

export interface Player {
  name: string;
  email: string;
  password: string;
  lang: LanguageCode;
  page: Page;
  context: BrowserContext;
  /** The app's own words in this person's language (the locale files, through i18next). */
  t: TFunction;
}

let shots = 0;

/** A screenshot of this person's screen now, numbered in the order of the day. */
export async function shot(player: Player, step: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  shots += 1;
  const name = `${String(shots).padStart(2, '0')}-${player.name.toLowerCase()}-${step}.png`;
  await player.page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });
}

export async function castMember(
  browser: Browser,
  url: string,
  who: { name: string; email: string; password: string; lang: LanguageCode; phone?: boolean },
): Promise<Player> {
  const context = await browser.newContext({
    baseURL: url,
    locale: who.lang,
    viewport: who.phone ? PHONE : DESKTOP,
    ...(who.phone ? { isMobile: true, hasTouch: true } : {}),
  });
  await context.addInitScript(trackPeerConnections);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  if (process.env.DEBUG_DAY)
    page.on('console', (m) => console.log(`[${who.name}] ${m.type()}: ${m.text()}`));
  return { ...who, page, context, t: translator(who.lang) };
}

/** Signs in on the sign-in page; resolves on the page the app leads to. */
export async function signIn(player: Player): Promise<void> {
  const { page, t } = player;
  await page.goto('/sign-in');
  await page.getByLabel(t('account:fields.email')).fill(player.email);
  await page.getByLabel(t('account:fields.password'), { exact: true }).fill(player.password);
  await page.getByRole('button', { name: t('account:signIn.submit') }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

/** Waits for the page's first-level heading to say this (pages load after navigating). */
export const expectHeading = (page: Page, name: string) =>
  page.getByRole('heading', { level: 1, name, exact: true }).waitFor();

/** Marks the page so a later check can tell it was never reloaded. */
export async function markLoaded(page: Page): Promise<void> {
  await page.evaluate(
    () => ((window as unknown as { __notReloaded: boolean }).__notReloaded = true),
  );
}

export async function neverReloaded(page: Page): Promise<boolean> {
  return page.evaluate(
    () => (window as unknown as { __notReloaded?: boolean }).__notReloaded === true,
  );
}
