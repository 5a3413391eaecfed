// A bench's archive: a corpus copied several times over, each copy a distinct set of articles.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
