import { execFileSync } from 'node:child_process';
import { realpathSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  contentHash,
  contentHashInSlices,
  HASH_CHUNK_BYTES,
  openRegularFile,
  readRegularFile,
  readRegularFileSync,
} from '../../../src/articles/read-file.js';
import { TimeSlices } from '../../../src/time-slices.js';
import { seedsFolder } from '../../helpers.js';

describe('contentHashInSlices', () => {
  it("gives contentHash's hash for small, chunk-sized and large inputs", async () => {
    const slices = new TimeSlices();
    for (const size of [0, 5, HASH_CHUNK_BYTES, HASH_CHUNK_BYTES + 1, 5 * HASH_CHUNK_BYTES + 7]) {
      const bytes = new Uint8Array(size).map((_, i) => (i * 31) % 251);
      expect(await contentHashInSlices(bytes, slices)).toBe(contentHash(bytes));
    }
  });

  it('gives the event loop a turn between chunks of a large input when the slice is due', async () => {
    let turns = 0;
    let counting = true;
    const tick = () => {
      turns++;
      if (counting) setImmediate(tick);
    };
    setImmediate(tick);
    // a budget of 0 ms: due after every chunk
    await contentHashInSlices(new Uint8Array(4 * HASH_CHUNK_BYTES), new TimeSlices(0));
    counting = false;
    expect(turns).toBeGreaterThanOrEqual(3);
  });
});

describe('openRegularFile', () => {
  it('checks before reading: a file too large is refused with its size, without a handle left open', async () => {
    const dir = seedsFolder({ 'big.txt': 'x'.repeat(50), 'ok.txt': 'fine' });
    expect(await openRegularFile(dir, 'big.txt', 10)).toMatchObject({ ok: false, size: 50 });
    const opened = await openRegularFile(dir, 'ok.txt', 10);
    expect(opened).toMatchObject({ ok: true, size: 4 });
    if (!opened.ok) return;
    expect((await opened.read()).toString()).toBe('fine');
    await opened.close();
    expect(await readRegularFile(dir, 'ok.txt', 10)).toMatchObject({ ok: true, size: 4 });
  });
});

describe('readRegularFileSync', () => {
  it('gives what readRegularFile gives: the bytes of a regular file, the same refusals otherwise', async () => {
    const outside = realpathSync(seedsFolder({ 'a/secret.txt': 'Secret' }));
    const dir = realpathSync(seedsFolder({ 'big.txt': 'x'.repeat(50), 'ok.txt': 'fine' }));
    symlinkSync(path.join(dir, 'ok.txt'), path.join(dir, 'link.txt'));
    symlinkSync(path.join(outside, 'a'), path.join(dir, 'a'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.txt')]);
    const files = ['ok.txt', 'big.txt', 'link.txt', 'a/secret.txt', 'pipe.txt', 'gone.txt'];
    const sync = files.map((file) => readRegularFileSync(dir, file, 10));
    expect(sync).toEqual(await Promise.all(files.map((file) => readRegularFile(dir, file, 10))));
    expect(sync.map((r) => (r.ok ? r.bytes.toString() : r.reason))).toEqual([
      'fine',
      'too large (50 bytes; MAX_ARTICLE_BYTES is 10)',
      'replaced by a symbolic link while being read; not read',
      'refused: moved outside the seeds folder while being read; not read',
      'not a regular file: fifo',
      expect.stringMatching(/^cannot read: /),
    ]);
  });
});
