// Bundle (issue 17): the JavaScript a phone downloads before a family's first page is usable —
// entry, the route's chunk, one language's translations — gzip level 9, per page, from the real
// client build's manifest (see bundle/sizes.ts for what is counted and why). `npm run bench`
// builds the client first (provisioning); BENCH_ONLY=bundle runs this alone.
import { languages } from '../server/protocol/languages.ts';
import { LIMIT_KB, measureFirstPages } from './bundle/sizes.ts';
import type { Measurement } from './stats.ts';

export async function bundleBenchmarks(): Promise<Measurement[]> {
  const byLanguage = languages.map(({ code }) => ({ code, pages: measureFirstPages(code) }));
  const pages = byLanguage[0]?.pages.map(({ page }) => page) ?? [];
  return pages.map((page) => {
    const sizes = byLanguage.map(({ code, pages: weights }) => ({
      code,
      kb: weights.find((w) => w.page === page)?.gzipKb ?? NaN,
    }));
    const heaviest = sizes.reduce((a, b) => (b.kb > a.kb ? b : a));
    const lightest = sizes.reduce((a, b) => (b.kb < a.kb ? b : a));
    const of = (code: string) => sizes.find((s) => s.code === code)?.kb;
    return {
      name: `first page ${page} initial JS (gzip, heaviest language)`,
      unit: 'kB',
      runs: 1,
      median: heaviest.kb,
      p90: heaviest.kb,
      min: lightest.kb,
      note:
        `heaviest ${heaviest.code}, lightest ${lightest.code}; so ${of('so')}, ckb ${of('ckb')}, ` +
        `fi ${of('fi')}; budget ${LIMIT_KB} kB` +
        (page.endsWith('in the room') ? ' (not a first page: after Join, reported only)' : ''),
    };
  });
}
