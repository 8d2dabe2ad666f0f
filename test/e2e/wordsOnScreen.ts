// What the [day-5] browser tests read off the screen: the languages a page names, whether a
// snippet is isolated from its sentence, where "(.ics)" is drawn, and the menu's row.
// Functions run in the page have no named helpers inside: esbuild's __name is not there.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

/** Every language named on the page: options of language lists, chips, with their codes. */
export const languageNames = (page: Page) =>
  page.evaluate(() => {
    const marks = /[\u2066-\u2069]/g;
    // A language list offers one of these; a weekday list's "fr" and "th" are days.
    const lists = [...document.querySelectorAll('select')].filter((select) =>
      [...select.options].some((o) => ['fi', 'ar', 'en', 'ru'].includes(o.value)),
    );
    return {
      options: lists.flatMap((select) =>
        [...select.options]
          .filter((o) => o.value !== '')
          .map((o) => ({ code: o.value, text: (o.textContent ?? '').replace(marks, '').trim() })),
      ),
      // A chip's first child is the name (a removable chip also holds its button).
      chips: [...document.querySelectorAll('.chips li')].map((li) =>
        (li.firstChild?.textContent ?? '').replace(marks, '').trim(),
      ),
      applications: [...document.querySelectorAll('[data-testid="application"] .meta')].map(
        (meta) => (meta.textContent ?? '').replace(marks, '').trim(),
      ),
    };
  });

/** The element that isolates `snippet` (a <bdi> or [dir] holding just it), or FSI/LRI…PDI. */
export const isolation = (root: Locator, snippet: string) =>
  root.evaluate((element, snippet) => {
    const marks = /[\u2066-\u2069]/g;
    const candidates = [element, ...element.querySelectorAll('bdi, [dir]')];
    for (const candidate of candidates) {
      const isolating = candidate.tagName === 'BDI' || candidate.hasAttribute('dir');
      if (isolating && (candidate.textContent ?? '').replace(marks, '').trim() === snippet)
        return `${candidate.tagName.toLowerCase()} dir=${candidate.getAttribute('dir') ?? ''}`;
    }
    const raw = element.textContent ?? '';
    for (const open of ['\u2066', '\u2068'])
      if (raw.includes(`${open}${snippet}\u2069`)) return 'isolate marks';
    return null;
  }, snippet);

/** Where each character of "(.ics)" is drawn on screen (x from, to), in the text's order. */
const icsGlyphs = (link: Locator) =>
  link.evaluate((element) => {
    const nodes: { node: Text; start: number }[] = [];
    let all = '';
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode as Text;
      nodes.push({ node, start: all.length });
      all += node.data;
    }
    const dot = all.indexOf('.ics');
    const at = [all.lastIndexOf('(', dot), dot, dot + 1, dot + 2, dot + 3, all.indexOf(')', dot)];
    return at.map((index) => {
      const holder = [...nodes].reverse().find((n) => n.start <= index);
      if (!holder || index < 0) return null;
      const range = document.createRange();
      range.setStart(holder.node, index - holder.start);
      range.setEnd(holder.node, index - holder.start + 1);
      const rect = range.getBoundingClientRect();
      return { from: rect.left, to: rect.right }; // screen x, left to right
    });
  });

export async function assertIcsInOrder(link: Locator, where: string) {
  const glyphs = await icsGlyphs(link);
  assert.ok(glyphs.every(Boolean), `${where}: "(.ics)" is in the link`);
  const [open, dot, i, c, s, close] = glyphs as { from: number; to: number }[];
  assert.ok(dot!.from < i!.from && i!.from < c!.from && c!.from < s!.from, `${where}: ".ics"`);
  // Right to left around it: "(" (first in the text) on its right, ")" on its left.
  assert.ok(open!.from >= s!.to - 1, `${where}: "(" after ".ics" on the right`);
  assert.ok(close!.to <= dot!.from + 1, `${where}: ")" before ".ics" on the left`);
}

/** Which such weekday of its month a local date is, as the form's "1"–"4" or "-1". */
export const nthOf = (date: string) => {
  const nth = Math.ceil(Number(date.slice(8, 10)) / 7);
  return nth > 4 ? '-1' : String(nth);
};

/** After a resize, once the menu has measured itself again. */
export const nextFrames = (page: Page) =>
  page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );

/** The top-level menu row: whether it is folded, and where its items are. */
export const menuRow = (page: Page) =>
  page.evaluate(() => {
    const list = document.querySelector('#main-menu > ul');
    const button = document.querySelector('.menu-button');
    // Items not shown in the row (its "Home": the brand is beside it) take no room.
    const items = [...(list?.children ?? [])]
      .map((item) => item.getBoundingClientRect())
      .filter((r) => r.width > 0);
    return {
      folded: !!button && getComputedStyle(button).display !== 'none',
      listHeight: list?.getBoundingClientRect().height ?? 0,
      itemHeight: Math.max(...items.map((r) => r.height)),
      tops: items.map((r) => Math.round(r.top)),
      overflow: document.documentElement.scrollWidth - window.innerWidth,
    };
  });
