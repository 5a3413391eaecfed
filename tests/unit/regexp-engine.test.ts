import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REGEXP_NATIVE_FLAG } from '../../src/regexp-engine.js';

describe('REGEXP_NATIVE_FLAG', () => {
  // v8.setFlagsFromString only prints a line for a flag it does not know; node refuses one at start
  it('is a flag this Node knows', () => {
    const run = spawnSync(process.execPath, [REGEXP_NATIVE_FLAG, '-e', '0'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('is refused when misspelled (the check above can fail)', () => {
    const run = spawnSync(process.execPath, [`${REGEXP_NATIVE_FLAG}-typo`, '-e', '0'], { encoding: 'utf8' });
    expect(run.status).not.toBe(0);
  });
});
