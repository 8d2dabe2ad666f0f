// `node --import tsx server/i18n/checkLocales.ts [--locales <dir>] ru et …`: the completeness
// check of these languages' translations (server/i18n/completeness.ts), one problem per line;
// exit 1 if any. <dir> holds en/ and the languages' folders (default: the project's locales/).
import { join } from 'node:path';
import { projectRoot } from '../platform/paths.ts';
import { checkLanguage } from './completeness.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--locales');
const localesDir = at >= 0 ? args.splice(at, 2)[1]! : join(projectRoot, 'locales');
const problems = args.flatMap((lang) => checkLanguage(lang, { localesDir }));
for (const problem of problems) console.log(problem);
console.log(problems.length ? `${problems.length} problems` : 'complete');
process.exitCode = problems.length ? 1 : 0;
