// stampFiles: the built worker script, dist/articles/hash-worker.js, runs in a worker thread, so this
// file is in the 'built' test project (vitest.config.ts). A file the load refuses gets a null hash.
import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stampFiles } from '../../../src/articles/hash-files.js';
import { contentHash } from '../../../src/articles/load.js';
import { seedsFolder } from '../../helpers.js';

describe('stampFiles', () => {
  it("stamps each file with load.ts's content hash, in the order given; refused files get none", async () => {
    const root = realpathSync(
      seedsFolder({
        'a.txt': 'Harbour talks\n\nThe ferry sails.\n',
        'sub/b.md': '# Tolls\n\nA toll.\n',
        'big.txt': 'x'.repeat(200),
      }),
    );
    symlinkSync(path.join(root, 'a.txt'), path.join(root, 'link.txt'));
    execFileSync('mkfifo', [path.join(root, 'pipe.txt')]);
    const files = ['sub/b.md', 'a.txt', 'big.txt', 'link.txt', 'pipe.txt', 'gone.txt'];
    const stamps = await stampFiles(root, files, 100);
    expect(stamps).not.toBeNull();
    expect(stamps!.map((s) => s.file)).toEqual(files);
    const hashOf = (file: string) => contentHash(readFileSync(path.join(root, file)));
    const info = statSync(path.join(root, 'a.txt'));
    expect(stamps![1]).toEqual({
      file: 'a.txt',
      size: info.size,
      mtimeMs: info.mtimeMs,
      hash: hashOf('a.txt'),
    });
    expect(stamps![0]!.hash).toBe(hashOf('sub/b.md'));
    // too large (size still given), a link, a FIFO, a file that is not there
    expect(stamps![2]).toMatchObject({ size: 200, hash: null });
    expect(stamps!.slice(3).map((s) => s.hash)).toEqual([null, null, null]);
  });

  it('ends the worker and gives null when its signal aborts, before or while it hashes', async () => {
    const root = realpathSync(seedsFolder({ 'a.txt': 'Harbour talks\n\nThe ferry sails.\n' }));
    const files = Array.from({ length: 2000 }, () => 'a.txt');
    expect(await stampFiles(root, files, 100, AbortSignal.abort())).toBeNull();
    const stop = new AbortController();
    const running = stampFiles(root, files, 100, stop.signal);
    stop.abort();
    expect(await running).toBeNull();
  });
});
