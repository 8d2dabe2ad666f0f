// Every action the server can write to the audit log, and every detail field it writes, has a
// label in every language: a coordinator never reads "training.certified" or "organisationId".
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from '../platform/paths.ts';
import { AUDIT_ACTIONS } from '../protocol/audit.ts';
import { languages } from '../protocol/languages.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The audit calls in the server's code: action and the detail fields written literally. */
function auditWrites() {
  const writes: { where: string; action: string; fields: string[] }[] = [];
  for (const file of sources(join(projectRoot, 'server'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\baudit\(\s*'([\w.]+)'/g)) {
      // The call's text up to its closing parenthesis (details are one object literal).
      let depth = 0;
      let end = match.index + match[0].indexOf('(');
      for (; end < text.length; end += 1) {
        if (text[end] === '(') depth += 1;
        if (text[end] === ')' && --depth === 0) break;
      }
      const call = text.slice(match.index, end);
      const literal = /\{([^]*)\}/.exec(call)?.[1] ?? '';
      const fields = [...literal.matchAll(/(?:^|[{,\s])(\w+)\s*(?=[:,}]|$)/g)]
        .map((m) => m[1]!)
        .filter((name) => !/^(String|true|false|null|length)$/.test(name));
      writes.push({ where: relative(projectRoot, file), action: match[1]!, fields });
    }
  }
  return writes;
}

const accountText = (lang: string) =>
  JSON.parse(readFileSync(join(projectRoot, 'locales', lang, 'account.json'), 'utf8')) as {
    audit: { actions: Record<string, Record<string, string>>; fields: Record<string, string> };
  };

describe('[reach-fix] the audit log in words', () => {
  it('[reach-fix] every action the server can write has a label, every detail field a name, in every language', () => {
    const writes = auditWrites();
    assert.ok(writes.length > 30, `found the audit calls (${writes.length})`);
    for (const write of writes)
      assert.ok(
        (AUDIT_ACTIONS as readonly string[]).includes(write.action),
        `${write.where}: ${write.action} is not in protocol/audit.ts`,
      );
    // A contact person's hand-over spreads each step's count into the details by its name.
    const handoverSteps = sources(join(projectRoot, 'server')).flatMap((file) => [
      ...readFileSync(file, 'utf8').matchAll(/registerHandover\(\{\s*name: '(\w+)'/g),
    ]);
    assert.ok(handoverSteps.length >= 3, 'found the hand-over steps');
    const fields = new Set([
      ...writes.flatMap((w) => w.fields),
      ...handoverSteps.map((m) => m[1]!),
    ]);
    fields.delete('passed'); // spread: its keys are the hand-over steps above
    for (const { code } of languages) {
      const { audit } = accountText(code);
      for (const action of AUDIT_ACTIONS) {
        const [area, name] = action.split('.') as [string, string];
        assert.ok(audit.actions[area]?.[name], `${code}: no label for ${action}`);
      }
      for (const field of fields) assert.ok(audit.fields[field], `${code}: no name for ${field}`);
    }
  });
});
