// The two test processes of `npm test`: every file of the suite runs in exactly one of them, and
// the longest files are spread so that neither waits long for the other.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../server/platform/paths.ts';
import { shareOut, specFiles } from './testShards.ts';

describe('npm test in two processes', () => {
  it('finds every test file the mocha config names, this one included', () => {
    const config = JSON.parse(readFileSync(join(projectRoot, '.mocharc.json'), 'utf8'));
    const files = specFiles(projectRoot, config);
    assert.ok(files.includes('scripts/lib/testShards.test.ts'));
    assert.ok(files.includes('test/e2e/soak/soak.test.ts'));
    assert.ok(files.every((file) => file.endsWith('.test.ts')));
    assert.equal(new Set(files).size, files.length);
  });

  it('shares files out longest first, each file once, the shares within one file of even', () => {
    const seconds = { a: 100, b: 60, c: 50, d: 30, e: 20, f: 5 };
    const shares = shareOut(['f', 'e', 'd', 'c', 'b', 'a', 'new'], seconds, 2);
    assert.deepEqual(shares.flatMap((s) => s.files).sort(), ['a', 'b', 'c', 'd', 'e', 'f', 'new']);
    const [one, two] = shares.map((s) => s.seconds);
    // 285 s in all (a file never timed counts 20 s): 140 and 145.
    assert.equal(one! + two!, 285);
    assert.ok(Math.abs(one! - two!) <= 20, `${one} vs ${two}`);
    assert.deepEqual(shareOut(['a'], seconds, 2).length, 1, 'no empty process');
  });
});
