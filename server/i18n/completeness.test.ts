// [reach-1] Every language the UI offers is a complete translation of the English text, and the
// check notices what a translator could lose: a key, a plural form, a placeholder, a doubled key.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../platform/paths.ts';
import { languages } from '../protocol/languages.ts';
import { checkLanguage, type Tree } from './completeness.ts';

const locales = join(projectRoot, 'locales');

describe('[reach-1] translations are complete', () => {
  it('[reach-1] every language the UI offers has every key, plural form and placeholder', () => {
    const problems = languages
      .filter((l) => l.code !== 'en')
      .flatMap((l) => checkLanguage(l.code, { localesDir: locales }));
    assert.deepEqual(problems, []);
  });

  it('[reach-1] the check fails when a key, a plural form or a placeholder is lost, or a key is written twice', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rinnalla-locales-'));
    try {
      cpSync(locales, dir, { recursive: true });
      const edit = (file: string, change: (tree: Tree) => void) => {
        const path = join(dir, 'ar', file);
        const tree = JSON.parse(readFileSync(path, 'utf8')) as Tree;
        change(tree);
        writeFileSync(path, JSON.stringify(tree));
      };
      edit('alongside.json', (tree) => {
        delete (tree.family as Tree).end; // a key
        delete (tree.log as Tree).total_few; // one of Arabic's six plural forms
        (tree.family as Tree).paired = 'يرافق عائلتك'; // {{name}} and {{date}} lost
      });
      const path = join(dir, 'ar', 'report.json');
      writeFileSync(path, readFileSync(path, 'utf8').replace('{', '{\n  "title": "x",'));
      const problems = checkLanguage('ar', { localesDir: dir });
      for (const expected of [
        'ar/alongside: family.end is missing',
        'ar/alongside: log.total_few is missing',
        'ar/alongside: family.paired lacks {{name}}',
        'ar/alongside: family.paired lacks {{date}}',
        'ar/report: "title" is written twice',
      ])
        assert.ok(problems.includes(expected), `${expected}\n${problems.join('\n')}`);
      assert.equal(problems.length, 5, problems.join('\n'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
