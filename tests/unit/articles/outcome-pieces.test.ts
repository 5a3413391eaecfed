import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import {
  approxBytes,
  JOIN_MIN_CHARS,
  PIECE_BYTES,
  packOutcome,
  unpackOutcome,
} from '../../../src/articles/outcome-pieces.js';
import { parseArticle } from '../../../src/articles/parse.js';
import { TimeSlices } from '../../../src/time-slices.js';
import { turnsDuring } from '../../helpers.js';

const opts = { maxBytes: 1024 * 1024 };

/** An outcome as a parse worker makes it, of an invented file with `paragraphs` paragraphs and a quotation in each. */
function parsedOutcome(paragraphs: number) {
  const body = Array.from(
    { length: paragraphs },
    (_, i) => `The harbour board met for the ${i}th time. "We will open the pier," Chair Ada Lund said.`,
  ).join('\n\n');
  const bytes = new TextEncoder().encode(`Harbour Board Minutes\n\n${body}\n`);
  return {
    kind: 'parsed',
    hash: 'h',
    size: bytes.length,
    mtimeMs: 1,
    parsed: parseArticle('minutes.txt', bytes, opts),
  };
}

describe('packOutcome and unpackOutcome', () => {
  it('give back the very outcome, a large article split in pieces of about PIECE_BYTES', async () => {
    const outcome = parsedOutcome(1000);
    const chars = outcome.parsed.article!.paragraphs.join('').length;
    expect(chars).toBeGreaterThan(2 * PIECE_BYTES);
    expect(chars).toBeLessThan(JOIN_MIN_CHARS);
    const packed = packOutcome(outcome);
    expect(packed.pieces.length).toBeGreaterThan(2);
    expect(new Set(packed.pieces.map((p) => p.field))).toEqual(new Set(['paragraphs', 'quotes']));
    let at = packed.head;
    for (const { end } of packed.pieces) {
      // a piece stops at the first element that takes it to PIECE_BYTES
      expect(end - at).toBeLessThan(2 * PIECE_BYTES);
      at = end;
    }
    expect(at).toBe(packed.buffer.byteLength);
    const back = await unpackOutcome(packed, new TimeSlices());
    expect(JSON.stringify(back)).toBe(JSON.stringify(outcome));
  });

  it('send a list of strings of JOIN_MIN_CHARS or more as one string, cut into the same strings on arrival', async () => {
    const outcome = parsedOutcome(3000);
    expect(outcome.parsed.article!.paragraphs.join('').length).toBeGreaterThanOrEqual(JOIN_MIN_CHARS);
    const packed = packOutcome(outcome);
    const joined = packed.pieces.filter((p) => p.lengths);
    expect(joined.map((p) => p.field)).toEqual(['paragraphs']);
    expect([...joined[0]!.lengths!]).toEqual(outcome.parsed.article!.paragraphs.map((p) => p.length));
    // the quotations (objects) still go in pieces
    expect(packed.pieces.filter((p) => p.field === 'quotes').length).toBeGreaterThan(1);
    const back = await unpackOutcome(packed, new TimeSlices());
    expect(JSON.stringify(back)).toBe(JSON.stringify(outcome));
  });

  it('pack outcomes without an article, with no array to split or of one piece, whole', async () => {
    for (const outcome of [
      parsedOutcome(5),
      { kind: 'refused', reason: 'too large', size: 9, mtimeMs: 1 },
      { kind: 'unchanged', hash: 'h', size: 9, mtimeMs: 1 },
      { kind: 'parsed', hash: 'h', size: 9, mtimeMs: 1, parsed: { article: null, problems: [] } },
    ]) {
      const packed = packOutcome(outcome);
      expect(packed.pieces).toEqual([]);
      expect(packed.buffer.byteLength).toBe(serialize(outcome).length);
      expect(await unpackOutcome(packed, new TimeSlices())).toEqual(outcome);
    }
  });

  it('give the event loop a turn between pieces when the slice is used up, and none when it is not', async () => {
    const packed = packOutcome(parsedOutcome(1000));
    // a budget of 0: every piece finds its slice used up and waits a turn (the counter, started
    // with the work, sees all turns but the last)
    expect(await turnsDuring(unpackOutcome(packed, new TimeSlices(0)))).toBeGreaterThanOrEqual(
      packed.pieces.length - 1,
    );
    expect(await turnsDuring(unpackOutcome(packed, new TimeSlices()))).toBe(0);
  });

  it('stop at the next piece once the slices are aborted, with the reason', async () => {
    const controller = new AbortController();
    controller.abort(new Error('the reload was cancelled'));
    await expect(
      unpackOutcome(packOutcome(parsedOutcome(1000)), new TimeSlices(10, controller.signal)),
    ).rejects.toThrow('the reload was cancelled');
  });
});

describe('unpackOutcome', () => {
  it('cuts a long joined list in turns of the event loop when the slice is used up', async () => {
    const packed = packOutcome(parsedOutcome(3000));
    const cuts = packed.pieces.find((p) => p.lengths)!.lengths!.length;
    // no piece boundary inside the list: the further turns come from the cutting (every 1,024 strings)
    expect(await turnsDuring(unpackOutcome(packed, new TimeSlices(0)))).toBeGreaterThanOrEqual(
      packed.pieces.length + Math.floor(cuts / 1024) - 1,
    );
  });
});

describe('approxBytes', () => {
  it("counts a value's characters and an overhead per value", () => {
    expect(approxBytes('abcd')).toBe(approxBytes('') + 4);
    expect(approxBytes(['ab', 'cd'])).toBe(approxBytes([]) + 2 * approxBytes('ab'));
    expect(approxBytes({ ab: 'cd' })).toBeGreaterThan(approxBytes({}) + approxBytes('cd'));
  });
});
