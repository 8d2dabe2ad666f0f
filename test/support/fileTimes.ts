// How long each test file took, hooks included (its app and browser start-ups are most of it),
// written where the sharded run asks (RINNALLA_TEST_FILE_TIMES): scripts/lib/testShards.ts shares
// files out by these seconds.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Hook } from 'mocha';
import { projectRoot } from '../../server/platform/paths.ts';

const path = process.env.RINNALLA_TEST_FILE_TIMES;
const seconds: Record<string, number> = {};

/** Root hooks: each file's top-level suites get a first before-all and a last after-all. */
export const fileTimeHooks = {
  beforeAll(this: Mocha.Context) {
    const root = this.test?.parent;
    if (!path || !root) return;
    for (const suite of root.suites) {
      let began = 0;
      suite.beforeAll('file timer: start', () => {
        began = Date.now();
      });
      // Before the suite's own before-all hooks (added first to run first).
      const hooks = (suite as unknown as { _beforeAll: Hook[] })._beforeAll;
      hooks.unshift(hooks.pop()!);
      suite.afterAll('file timer: end', () => {
        const file = relative(projectRoot, suite.file ?? '?');
        seconds[file] = (seconds[file] ?? 0) + (Date.now() - began) / 1000;
      });
    }
  },
  afterAll() {
    if (path) writeFileSync(path, JSON.stringify(seconds));
  },
};
