import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSnapshotCache, MANIFEST_NAME } from '../../../src/library/cache.js';
import { LiveLibrary } from '../../../src/library/live.js';
import { Progress } from '../../../src/library/progress.js';
import { FRONT_MATTER, PLAIN_TEXT, SEED_FORMAT } from '../../fixtures/articles.js';
import { seedsFolder } from '../../helpers.js';

function setup(extra: Partial<Parameters<typeof LiveLibrary.open>[0]> = {}) {
  const dir = seedsFolder({
    'ferry.txt': SEED_FORMAT,
    'rail.md': FRONT_MATTER,
    'apples.txt': PLAIN_TEXT,
    'bad.txt': '',
  });
  const cacheDir = path.join(dir, '.cache');
  const open = (more: Partial<Parameters<typeof LiveLibrary.open>[0]> = {}) =>
    LiveLibrary.open({ seedsDir: dir, maxArticleBytes: 1e6, cacheDir, ...extra, ...more });
  return { dir, cacheDir, open };
}

const ids = (live: LiveLibrary) =>
  live.current.search('ferry council rail apple harvest', { max: 10 }).map((h) => h.article.id);

/** The cache's part files of one kind, by name. */
const partsOf = (cacheDir: string, kind: 'records' | 'index') =>
  readdirSync(cacheDir)
    .filter((n) => n.startsWith(`${kind}-`) && n.endsWith('.ndjson'))
    .map((n) => path.join(cacheDir, n));

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/**
 * Rewrites a part as someone who can write the cache would: the lines changed by `edit`, with a
 * digest line that matches them and the manifest's digest of the part updated, so only the
 * records' own checks stand between the forgery and a reply.
 */
function forge(cacheDir: string, file: string, edit: (line: string) => string): void {
  const lines = readFileSync(file, 'utf8').split('\n').slice(0, -2).map(edit);
  const contents = `${lines.join('\n')}\n`;
  const whole = `${contents}{"digest":${JSON.stringify(sha256(contents))}}\n`;
  writeFileSync(file, whole);
  const manifestFile = path.join(cacheDir, MANIFEST_NAME);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const name = path.basename(file);
  for (const kind of ['records', 'index']) if (name in manifest[kind]) manifest[kind][name] = sha256(whole);
  writeFileSync(manifestFile, JSON.stringify(manifest));
}

describe('warm-start cache', () => {
  it('starts from the cache when every file is unchanged, with the same answers and problems', async () => {
    const { open } = setup();
    const first = await open();
    expect(first.fromCache).toBe(false);
    expect(await first.saveCache()).toBe(true);
    expect(await first.saveCache()).toBe(false); // nothing changed since

    const warm = await open();
    expect(warm.fromCache).toBe(true);
    expect(ids(warm)).toEqual(ids(first));
    expect(warm.current.problems).toEqual(first.current.problems);
    expect(warm.current.quotes.search('', { speaker: 'Alvarez' })[0]?.quote.text).toMatch(
      /This connects families/,
    );
    expect(warm.current.articles).toEqual(first.current.articles);
  });

  it('builds from the files when one of them changed, and never serves the old text', async () => {
    const { dir, open } = setup();
    await (await open()).saveCache();
    writeFileSync(path.join(dir, 'apples.txt'), PLAIN_TEXT.replace('apple harvest', 'pear harvest'));
    const progress = new Progress('start');
    const live = await open({ progress });
    expect(live.fromCache).toBe(false);
    expect(live.current.get('apples')?.title).toBe('Orchard growers expect record pear harvest');
    // the files that did not change were not parsed again: their records came from the cache
    expect(progress.state).toMatchObject({ read: 4, parsed: 1 });
  });

  it('notices a file added or removed since the cache was saved', async () => {
    const { dir, open } = setup();
    await (await open()).saveCache();
    writeFileSync(path.join(dir, 'new.txt'), 'Harbour reopens\n\nThe harbour reopened on Monday.\n');
    const added = await open();
    expect(added.fromCache).toBe(false);
    expect(added.current.get('new')?.title).toBe('Harbour reopens');
    await added.saveCache();
    rmSync(path.join(dir, 'new.txt'));
    const removed = await open();
    expect(removed.fromCache).toBe(false);
    expect(removed.current.get('new')).toBeUndefined();
  });

  it('stays usable with a file too large to read, as long as it did not change', async () => {
    const { dir, open } = setup();
    writeFileSync(path.join(dir, 'huge.txt'), `Huge\n\n${'x'.repeat(1_100_000)}\n`);
    const first = await open();
    await first.saveCache();
    const warm = await open();
    expect(warm.fromCache).toBe(true);
    expect(warm.current.problems.map((p) => p.file)).toContain('huge.txt');
  });

  it('falls back to a full build when a part is corrupt or truncated', async () => {
    const { cacheDir, open } = setup();
    const first = await open();
    await first.saveCache();
    const [indexPart] = partsOf(cacheDir, 'index');
    const text = readFileSync(indexPart!, 'utf8');
    writeFileSync(indexPart!, text.slice(0, Math.floor(text.length / 2)));
    const truncated = await open();
    expect(truncated.fromCache).toBe(false);
    expect(truncated.cacheNote?.damaged).toBe(true);
    expect(ids(truncated)).toEqual(ids(first));
    writeFileSync(indexPart!, `${text.split('\n')[0]}\n{not json\n`);
    expect((await open()).fromCache).toBe(false);
    // a part of records cut short: its records are not used either
    await (await open()).saveCache();
    const [recordPart] = partsOf(cacheDir, 'records');
    const records = readFileSync(recordPart!, 'utf8');
    writeFileSync(recordPart!, records.slice(0, records.length - 10));
    const progress = new Progress('start');
    const rebuilt = await open({ progress });
    expect(rebuilt.fromCache).toBe(false);
    expect(progress.state.parsed).toBe(4);
    expect(ids(rebuilt)).toEqual(ids(first));
  });

  it('a reload parses only the files whose content changed, and its save rewrites only their part', async () => {
    const { dir, cacheDir, open } = setup();
    const live = await open();
    await live.saveCache();
    const before = partsOf(cacheDir, 'records');
    writeFileSync(path.join(dir, 'rail.md'), FRONT_MATTER.replace('six percent', 'seven percent'));
    const report = await live.reload()!;
    expect(report).toMatchObject({ ok: true, changed: ['rail'], added: [], removed: [] });
    expect(live.current.get('rail')?.paragraphs[0]).toMatch(/seven percent/);
    expect(await live.saveCache()).toBe(true);
    const after = partsOf(cacheDir, 'records');
    expect(after).not.toEqual(before);
    const warm = await open();
    expect(warm.fromCache).toBe(true);
    expect(warm.current.get('rail')?.paragraphs[0]).toMatch(/seven percent/);
  });

  it('rebuilds from the files when a record was edited, even into valid JSON, and says why', async () => {
    const { cacheDir, open } = setup();
    const first = await open();
    await first.saveCache();
    const file = partsOf(cacheDir, 'records').find((f) =>
      readFileSync(f, 'utf8').includes('Orchard growers expect record apple harvest'),
    )!;
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replaceAll('Orchard growers expect record apple harvest', 'Forged headline'));
    const rebuilt = await open();
    expect(rebuilt.fromCache).toBe(false);
    expect(rebuilt.cacheNote).toEqual({
      reason: "the cache's contents do not match its digest (damaged or edited)",
      damaged: true,
    });
    expect(rebuilt.current.get('apples')?.title).toBe('Orchard growers expect record apple harvest');
    expect(JSON.stringify(rebuilt.current.articles)).not.toContain('Forged');
    // a part without its digest line is not trusted either
    writeFileSync(file, text.split('\n').slice(0, -2).join('\n'));
    expect((await open()).fromCache).toBe(false);
  });

  it('falls back to the files when records with a valid digest are broken, and never fails the start', async () => {
    const { cacheDir, open } = setup();
    const first = await open();
    await first.saveCache();
    const [file] = partsOf(cacheDir, 'records');
    // a title that is not a string, a quotation pointing past the paragraphs
    forge(cacheDir, file!, (line) => line.replace(/"title":"[^"]*"/, '"title":{"toString":1}'));
    const broken = await open();
    expect(broken.fromCache).toBe(false);
    expect(broken.cacheNote?.reason).toMatch(/^the cache has a broken record \(the title of /);
    expect(ids(broken)).toEqual(ids(first));
    await broken.saveCache();
    const [again] = partsOf(cacheDir, 'records');
    forge(cacheDir, again!, (line) => line.replace(/"paragraph":\d+/, '"paragraph":999'));
    const quotes = await open();
    expect(quotes.fromCache).toBe(false);
    expect(quotes.cacheNote?.reason).toMatch(/the quotations of ferry\.txt/);
    // and a broken index entry under a valid digest
    await quotes.saveCache();
    const [index] = partsOf(cacheDir, 'index');
    forge(cacheDir, index!, (line) => line.replace(/^\{"indexEntries":\[\["[^"]+",/, '{"indexEntries":[[7,'));
    const badIndex = await open();
    expect(badIndex.fromCache).toBe(false);
    expect(badIndex.cacheNote?.reason).toMatch(/does not restore \(the cache has a broken index entry\)/);
    expect(ids(badIndex)).toEqual(ids(first));
  });

  it('never serves a forged record planted in a folder others can write, not even after /reload', async () => {
    const { dir, cacheDir, open } = setup();
    await (await open()).saveCache();
    const [file] = partsOf(cacheDir, 'records');
    forge(cacheDir, file!, (line) =>
      line
        .replaceAll('Orchard growers expect record apple harvest', 'Forged headline')
        .replaceAll('"url":null', '"url":"https://evil.example/phish"'),
    );
    // the forgery passes every check but one: the folder may be written by others
    chmodSync(cacheDir, 0o777);
    const live = await open();
    expect(live.fromCache).toBe(false);
    expect(live.cacheNote).toEqual({
      reason: 'INDEX_CACHE_DIR may be written by others (mode 777; chmod go-w it)',
      damaged: true,
    });
    expect(JSON.stringify(live.current.articles)).not.toMatch(/Forged|evil\.example/);
    writeFileSync(path.join(dir, 'rail.md'), FRONT_MATTER.replace('six percent', 'seven percent'));
    expect((await live.reload()!).ok).toBe(true);
    expect(JSON.stringify(live.current.articles)).not.toMatch(/Forged|evil\.example/);
    // nothing is written to a folder that is not the bot's own
    expect(await live.saveCache()).toBe(false);
    // the same forgery in a private folder is trusted (it is the bot's own): the folder is the line
    chmodSync(cacheDir, 0o700);
    expect(JSON.stringify((await open()).current.articles)).toMatch(/Forged/);
  });

  it('refuses a folder or a part that belongs to another user, or that others may write', async () => {
    const { cacheDir, open } = setup();
    await (await open()).saveCache();
    const uid = statSync(cacheDir).uid;
    const stranger = await open({ cacheOwnerUid: uid + 1 });
    expect(stranger.fromCache).toBe(false);
    expect(stranger.cacheNote?.reason).toBe(
      `INDEX_CACHE_DIR belongs to another user (uid ${uid}, not ${uid + 1})`,
    );
    const [part] = partsOf(cacheDir, 'records');
    chmodSync(part!, 0o666);
    const writable = await open();
    expect(writable.fromCache).toBe(false);
    expect(writable.cacheNote?.reason).toMatch(/may be written by others; not read$/);
    chmodSync(part!, 0o600);
    expect((await open()).fromCache).toBe(true);
    if (process.getuid?.() === 0) {
      // as root the test can plant for real: a part owned by another user
      chownSync(part!, 4242, 4242);
      const planted = await open();
      expect(planted.fromCache).toBe(false);
      expect(planted.cacheNote?.reason).toMatch(/belongs to another user; not read$/);
    }
  });

  it('never turns a huge last line without a newline into a string, and refuses parts larger than it writes', async () => {
    const { dir, cacheDir, open } = setup();
    const first = await open();
    await first.saveCache();
    const [part] = partsOf(cacheDir, 'index');
    appendFileSync(part!, 'x'.repeat(3_000_000));
    const live = await open();
    expect(live.fromCache).toBe(false);
    expect(live.cacheNote?.reason).toBe("the cache's contents do not match its digest (damaged or edited)");
    expect(ids(live)).toEqual(ids(first));
    const read = await loadSnapshotCache(
      cacheDir,
      { seedsDir: dir, maxBytes: 1e6 },
      { maxPartBytes: 100_000 },
    );
    expect(read.ok).toBe(false);
    expect(!read.ok && read.reason).toMatch(/is larger than newsbot writes \(\d+ bytes\); not read$/);
  });

  it('resumes a start that stopped before saving: what was parsed is not parsed again', async () => {
    const { cacheDir, open } = setup();
    // a start that parsed every file and was stopped before its save: only its record parts exist
    await open();
    expect(existsSync(path.join(cacheDir, MANIFEST_NAME))).toBe(false);
    expect(partsOf(cacheDir, 'records').length).toBeGreaterThan(0);
    const progress = new Progress('start');
    const resumed = await open({ progress });
    expect(resumed.fromCache).toBe(false);
    expect(resumed.cacheNote).toEqual({ reason: 'no cache yet', damaged: false });
    expect(progress.state).toMatchObject({ read: 4, parsed: 0 });
    // the save keeps the parts it resumed from and writes the indexes beside them
    const parts = partsOf(cacheDir, 'records');
    expect(await resumed.saveCache()).toBe(true);
    expect(partsOf(cacheDir, 'records')).toEqual(parts);
    expect((await open()).fromCache).toBe(true);
  });

  it('a resumed start indexes with the analyses its parts kept, and answers as a cold start', async () => {
    const { dir, cacheDir, open } = setup();
    const cold = await LiveLibrary.open({ seedsDir: dir, maxArticleBytes: 1e6, cacheDir: null });
    // a start stopped before its save: its record parts hold each article's analysis
    await open();
    const lines = partsOf(cacheDir, 'records').flatMap((f) => readFileSync(f, 'utf8').split('\n'));
    expect(lines.filter((l) => l.startsWith('{"r":') && l.includes('"a":"')).length).toBe(3);
    // one more file: parsed and analysed while the others come from the parts
    writeFileSync(path.join(dir, 'more.txt'), PLAIN_TEXT.replace('apple', 'pear'));
    const resumed = await open();
    const fresh = await LiveLibrary.open({ seedsDir: dir, maxArticleBytes: 1e6, cacheDir: null });
    expect(resumed.fromCache).toBe(false);
    expect(resumed.current.exportIndexes()).toEqual(fresh.current.exportIndexes());
    expect(ids(resumed)).toEqual(ids(fresh));
    expect(ids(fresh)).toEqual(expect.arrayContaining(ids(cold)));
  });

  it('a part whose analysis is not text is not used (its files are parsed again)', async () => {
    const { cacheDir, open } = setup();
    await open();
    for (const file of partsOf(cacheDir, 'records')) {
      const lines = readFileSync(file, 'utf8').split('\n').slice(0, -2);
      const edited = lines.map((l) => l.replace(/,"a":"[^"]*"\}$/, ',"a":[1]}'));
      const contents = `${edited.join('\n')}\n`;
      writeFileSync(file, `${contents}{"digest":${JSON.stringify(sha256(contents))}}\n`);
    }
    const progress = new Progress('start');
    const resumed = await open({ progress });
    expect(resumed.cacheNote).toEqual({
      reason: 'the cache has a broken record (an index analysis)',
      damaged: true,
    });
    expect(progress.state).toMatchObject({ read: 4, parsed: 4 });
  });

  it('never opens a FIFO or a link as the manifest, and replaces them when it saves', async () => {
    const { cacheDir, open } = setup();
    const first = await open();
    await first.saveCache();
    const file = path.join(cacheDir, MANIFEST_NAME);
    // a good cache kept elsewhere, linked in: still not read through the link
    const elsewhere = path.join(cacheDir, 'elsewhere.json');
    copyFileSync(file, elsewhere);
    rmSync(file);
    symlinkSync(elsewhere, file);
    const linked = await open();
    expect(linked.fromCache).toBe(false);
    expect(linked.cacheNote?.reason).toBe('manifest.json is not a regular file; not read');
    rmSync(file);
    execFileSync('mkfifo', [file]);
    // a plain read of a FIFO with no writer waits forever: this open would hang (and time out)
    const fifo = await open();
    expect(fifo.fromCache).toBe(false);
    expect(fifo.cacheNote).toEqual({
      reason: 'manifest.json is not a regular file; not read',
      damaged: true,
    });
    expect(ids(fifo)).toEqual(ids(first));
    expect(await fifo.saveCache()).toBe(true);
    expect(lstatSync(file).isFile()).toBe(true);
    expect((await open()).fromCache).toBe(true);
  });

  it('keeps the problems of the folder walk on a warm start', async () => {
    const { dir, open } = setup();
    symlinkSync('/etc/passwd', path.join(dir, 'passwd.txt'));
    const first = await open();
    await first.saveCache();
    const warm = await open();
    expect(warm.fromCache).toBe(true);
    expect(warm.current.problems).toEqual(first.current.problems);
    expect(warm.current.problems.map((p) => p.file)).toEqual(['bad.txt', 'passwd.txt']);
  });
});
