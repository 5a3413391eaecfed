// A bench's archive: a corpus copied several times over, each copy a distinct set of articles.
import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listArticleFiles } from '../src/articles/load.js';

export /** The corpus copied `scale` times; each copy gets its own ids (c2/…) and a marked title, so no copy is a duplicate of another. */
async function makeScaledCorpus(corpus: string, scale: number): Promise<string> {
  const { files } = await listArticleFiles(corpus);
  const dir = mkdtempSync(path.join(tmpdir(), `newsbot-bench-${scale}x-`));
  for (let copy = 1; copy <= scale; copy++) {
    for (const file of files) {
      const text = readFileSync(path.join(corpus, file), 'latin1');
      const out = path.join(dir, copy === 1 ? '' : `c${copy}`, file);
      mkdirSync(path.dirname(out), { recursive: true });
      // mark the first non-empty line (the title in every format but front matter, where it marks the '---' harmlessly)
      writeFileSync(
        out,
        copy === 1 ? text : text.replace(/^(\s*)(\S[^\n]*)/, `$1$2 (copy ${copy})`),
        'latin1',
      );
    }
  }
  return dir;
}

/** Adds a line to every 100th of `files` (1%), with a fresh time, so the next reload parses them again. */
export function changeOnePercent(dir: string, files: readonly string[], round: number): number {
  const changed = files.filter((_, i) => i % 100 === 0);
  for (const file of changed) {
    const full = path.join(dir, file);
    writeFileSync(
      full,
      `${readFileSync(full, 'latin1')}\n\nA line added for the reload benchmark (round ${round}).\n`,
      'latin1',
    );
    utimesSync(full, new Date(), new Date());
  }
  return changed.length;
}
