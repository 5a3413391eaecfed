// The heap limit as an operator meets it: the real bin in a child process with a tiny old space,
// on invented articles. In the `built` project (it runs dist/cli.js).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { seedsFolder, writeArticles } from '../helpers.js';

const bin = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/**
 * An old space the bot starts in but 2,500 invented articles do not fit: with 24 MB the bot
 * stopped after about 2,000 of 4,000 such files (a manual run), and the heap check used to miss it
 * and let V8 abort (it compared with heap_size_limit, 48 MB more than the old space).
 */
const TINY_OLD_SPACE_MB = 24;
const ARTICLES = 2_500;

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a heap too small for the archive', () => {
  it('stops with one line (what was done, the memory, the setting), not a V8 abort', async () => {
    const dir = seedsFolder({});
    writeArticles(dir, ARTICLES);
    const { code, stderr } = await run(
      [`--max-old-space-size=${TINY_OLD_SPACE_MB}`, bin, 'check', '--seeds', dir],
      { INDEX_CACHE_DIR: 'off' },
    );
    expect(stderr).not.toMatch(/FATAL ERROR|heap out of memory|Abort/i);
    expect(code).toBe(1);
    const lines = stderr.split('\n').filter((line) => line.startsWith('newsbot:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^newsbot: stopped: the articles do not fit in memory \\(.*\\d (files|articles) read.*; heap \\d+ MB of its ${TINY_OLD_SPACE_MB} MB limit\\): raise HEAP_LIMIT_MB`,
      ),
    );
  }, 120_000);
});
