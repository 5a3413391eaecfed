// The tests' layout is the map a newcomer reads (docs/architecture.md, "Tests"): each unit test
// file is named after the src file it tests, so a moved or new file that breaks the map fails here,
// and so does a path in vitest.config.ts's lists that no longer names a file (the file it named
// would then run in another project than the one its cost needs).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILT_TESTS, INTEGRATION_TESTS, UNIT_ISOLATED_TESTS } from '../../vitest.config.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Every file under `dir` (relative to the checkout), with forward slashes. */
function filesUnder(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .map((f) => `${dir}/${f.split(path.sep).join('/')}`)
    .sort();
}

/** `tests/unit/<path>.test.ts` and `tests/unit/<path>.<aspect>.test.ts` test `src/<path>.ts`. */
function srcFileOf(testFile: string): string {
  const relative = testFile.slice('tests/unit/'.length, -'.test.ts'.length);
  const dir = path.posix.dirname(relative);
  const name = path.posix.basename(relative).split('.')[0];
  return path.posix.join('src', dir, `${name}.ts`);
}

describe('tests mirror src', () => {
  it('reads a test file’s src file from its name, the aspect after a dot', () => {
    expect(srcFileOf('tests/unit/web/server.health.test.ts')).toBe('src/web/server.ts');
    expect(srcFileOf('tests/unit/articles/furniture/index.test.ts')).toBe('src/articles/furniture/index.ts');
    expect(srcFileOf('tests/unit/config.test.ts')).toBe('src/config.ts');
  });

  it('names every unit test file after a src file', () => {
    const unit = filesUnder('tests/unit').filter((f) => f.endsWith('.test.ts'));
    expect(unit.length).toBeGreaterThan(0);
    expect(unit.filter((f) => !existsSync(path.join(root, srcFileOf(f))))).toEqual([]);
  });

  it('keeps no test file at the top of tests/: each is unit, integration or e2e', () => {
    const top = readdirSync(path.join(root, 'tests')).filter((f) => f.endsWith('.test.ts'));
    expect(top).toEqual([]);
  });

  it('lists in vitest.config.ts only files and folders that exist', () => {
    const listed = [...BUILT_TESTS, ...INTEGRATION_TESTS, ...UNIT_ISOLATED_TESTS];
    // a glob's folder part, before its first wildcard
    const missing = listed.map((p) => p.split('*')[0]!).filter((p) => !existsSync(path.join(root, p)));
    expect(missing).toEqual([]);
  });
});
