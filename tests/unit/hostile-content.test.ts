// What a hostile contributor's files can do to a load: work that grows faster than the input,
// absurd values, two files for one id. The inputs are big enough (up to MAX_ARTICLE_BYTES) that
// a quadratic version of any step would take minutes, so the test timeout catches a regression;
// nothing here measures time.
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/articles/parse.js';
import { splitSentences } from '../../src/articles/text.js';

const MiB = 1024 * 1024;
const opts = { maxBytes: MiB };
const bytes = (s: string) => new TextEncoder().encode(s);
/** `unit` repeated to about `size` bytes of UTF-8. */
const fill = (unit: string, size: number) => unit.repeat(Math.floor(size / Buffer.byteLength(unit)));

describe('sentence splitting is linear in the text', () => {
  for (const [mark, lead] of [['.'], ['!'], ['?'], ['…'], ['.!?…'], ['."'], ['”)', '.']]) {
    it(`splits around a run of ${JSON.stringify(mark)} as long as a whole file`, () => {
      const run = (lead ?? '') + fill(mark ?? '', MiB - 100);
      expect(splitSentences(`He left${run} Then he came back. "Why?" she asked.`)).toEqual([
        `He left${run}`,
        'Then he came back.',
        '"Why?" she asked.',
      ]);
      // not followed by a sentence start: one sentence
      expect(splitSentences(`He left${run} then came back`)).toHaveLength(1);
    });
  }

  it('loads a 1 MiB article that is a run of stops', () => {
    for (const mark of ['.', '!', '?', '…']) {
      const { article } = parseArticle('dots.txt', bytes(`A Title\n\nWord ${fill(mark, MiB - 20)}`), opts);
      expect(article?.title).toBe('A Title');
      expect(article?.paragraphs.join('').length).toBeGreaterThan(MiB / 4);
    }
  });
});
