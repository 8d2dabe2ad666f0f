// axe-core in a real page: the serious and critical findings, one line each. Used by the
// accessibility walk over every route ([reach-2]) and by the live room's tools ([room-7]).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';

/** axe's script: given to a context before its pages load (`addInitScript`). */
export const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Puts axe into a page that is already open (evaluated, so the page's CSP does not apply). */
export async function injectAxe(page: Page): Promise<void> {
  if (await page.evaluate(() => 'axe' in window)) return;
  await page.evaluate(readFileSync(AXE, 'utf8'));
}

/** A serious or critical axe violation, as one line a person can act on. */
export interface Finding {
  rule: string;
  impact: string;
  line: string;
}

export async function axeFindings(page: Page, where: string): Promise<Finding[]> {
  const results = await page.evaluate(() => {
    type Rule = { id: string; impact?: string | null };
    const axe = (
      window as unknown as {
        axe: {
          run: (c: Document, o: object) => Promise<AxeResults>;
          _audit?: { rules: Rule[] };
        };
      }
    ).axe;
    // A rule that declares a moderate or minor impact reports every finding at that impact
    // (axe gives its checks the rule's impact), so it can never find a serious one: those
    // rules are not run, which saves time and hides nothing. Without the list, all run.
    const light = (axe._audit?.rules ?? [])
      .filter((rule) => rule.impact === 'moderate' || rule.impact === 'minor')
      .map((rule) => [rule.id, { enabled: false }]);
    return axe.run(document, { resultTypes: ['violations'], rules: Object.fromEntries(light) });
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      rule: v.id,
      impact: v.impact ?? '',
      line: `${v.id} (${v.impact}) at ${where}: ${v.nodes
        .slice(0, 6)
        .map((n) => n.target.join(' '))
        .join(' | ')}${v.nodes.length > 6 ? ` (+${v.nodes.length - 6} more)` : ''} — ${v.help}`,
    }));
}
