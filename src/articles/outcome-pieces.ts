// How a parse worker's outcome crosses to the main thread (issue 17). Posted as it is, a parsed
// 1 MiB file is structured-cloned: the main thread deserialises all of it in one task, before any
// code of ours runs (`npm run bench:hostile`: 20-180 ms for a file of 24,000 photo credits or
// 60,000 short paragraphs, on the 2-core machine). Packed here, the worker serialises the outcome
// in pieces into one buffer that is transferred, not copied; the main thread deserialises it piece
// by piece, giving the event loop a turn between pieces when its time slice is used up. A long
// list of strings (a hostile file's paragraphs) crosses as one string, cut on arrival (see
// JOIN_MIN_CHARS).
import { deserialize, serialize } from 'node:v8';
import type { TimeSlices } from '../time-slices.js';
import type { Article } from './types.js';

/**
 * About how much serialised data (approxBytes) one piece holds: what the main thread deserialises
 * in one go. Deserialising ran at 10-100 µs per KiB of outcome on the main thread in
 * `npm run bench:hostile` (2 busy cores; the low end for long strings, the high end for many small
 * objects), so a piece is 0.3-3 ms, well inside a reload's RELOAD_SLICE_MS (10 ms). A real article
 * (1-30 KB, none over 64 KiB in the dev corpora) is one or two pieces.
 */
export const PIECE_BYTES = 32 * 1024;

/** What a deserialised value costs beyond its characters (an object's or a string's header, a number). */
const VALUE_OVERHEAD_BYTES = 16;

/**
 * A list of strings of at least this many characters in all crosses as one string, cut into its
 * strings on arrival. This is V8's largest object in the ordinary heap (kMaxRegularHeapObjectSize,
 * 128 KiB; a one-byte string has a byte a character): a string this long is allocated in the
 * large-object space, which a young-generation collection (scavenge) never copies, and the strings
 * cut from it are small slices that point into it. Deserialised one by one, a 1 MiB file's
 * paragraphs are each copied by the scavenges that follow, on the main thread (measured:
 * deserialising 30 such files' 264 paragraphs of 4,000 characters, alternated 3 times on the busy
 * 2-core machine, spent 310-1,480 ms in GC, the longest pause 150-710 ms; as one string each and
 * cut, 190-650 ms, the longest 60-240 ms). A real article (1-30 KB) stays as it is.
 */
export const JOIN_MIN_CHARS = 128 * 1024;

/** How many strings are cut between two looks at the time slice. */
const CUTS_PER_CHECK = 1024;

/**
 * One piece: the elements of `field` (an array of the article) that end at byte `end` of the
 * buffer; with `lengths`, the piece is one string, to be cut into strings of these lengths.
 */
interface Piece {
  field: keyof Article;
  end: number;
  lengths?: Uint32Array;
}

/**
 * A worker's outcome of any shape, as posted: `buffer` (transferred) holds the outcome serialised
 * with its article's arrays left empty (bytes 0 to `head`), then those arrays' elements, piece after
 * piece.
 */
export interface PackedOutcome {
  buffer: ArrayBuffer;
  head: number;
  pieces: Piece[];
}

/** About how many bytes `value` takes serialised, and how much deserialising it costs: its characters plus an overhead per value. */
export function approxBytes(value: unknown): number {
  if (typeof value === 'string') return VALUE_OVERHEAD_BYTES + value.length;
  if (value === null || typeof value !== 'object') return VALUE_OVERHEAD_BYTES;
  let bytes = VALUE_OVERHEAD_BYTES;
  if (Array.isArray(value)) for (const item of value) bytes += approxBytes(item);
  else
    for (const [key, item] of Object.entries(value))
      bytes += VALUE_OVERHEAD_BYTES + key.length + approxBytes(item);
  return bytes;
}

/**
 * Packs `outcome` (plain data; its `parsed.article`, when there is one larger than PIECE_BYTES, has
 * its arrays split in pieces of about PIECE_BYTES). For the worker: post the result with `[packed.buffer]` as the
 * transfer list.
 */
export function packOutcome(outcome: object): PackedOutcome {
  const found = articleOf(outcome);
  // an article of one piece or less (any real one) crosses whole: one deserialisation, not one per list
  const article = found && approxBytes(found) > PIECE_BYTES ? found : null;
  const fields = article
    ? (Object.keys(article) as (keyof Article)[]).filter((key) => {
        const value = article[key];
        return Array.isArray(value) && value.length > 0;
      })
    : [];
  const chunks: Uint8Array[] = [];
  const pieces: Piece[] = [];
  let head = serialize(outcome);
  if (article && fields.length) {
    const emptied: Record<string, unknown> = { ...article };
    for (const field of fields) emptied[field] = [];
    const parsed = (outcome as { parsed: object }).parsed;
    head = serialize({ ...outcome, parsed: { ...parsed, article: emptied } });
  }
  chunks.push(head);
  let end = head.length;
  for (const field of fields) {
    const items = article![field] as unknown[];
    if (items.every((item) => typeof item === 'string')) {
      const strings = items as string[];
      let chars = 0;
      for (const item of strings) chars += item.length;
      if (chars >= JOIN_MIN_CHARS) {
        const chunk = serialize(strings.join(''));
        chunks.push(chunk);
        end += chunk.length;
        pieces.push({ field, end, lengths: Uint32Array.from(strings, (item) => item.length) });
        continue;
      }
    }
    for (let start = 0; start < items.length; ) {
      let stop = start;
      let bytes = 0;
      while (stop < items.length && (stop === start || bytes < PIECE_BYTES))
        bytes += approxBytes(items[stop++]);
      const chunk = serialize(items.slice(start, stop));
      chunks.push(chunk);
      end += chunk.length;
      pieces.push({ field, end });
      start = stop;
    }
  }
  // a buffer of its own (never Buffer's shared pool), so that transferring it detaches nothing else
  const all = new Uint8Array(end);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return { buffer: all.buffer, head: head.length, pieces };
}

/**
 * The outcome `packed` holds, deserialised piece by piece: between pieces, when `slices` is due,
 * the event loop gets a turn (TimeSlices.wait; it throws the slices' signal's reason when aborted).
 */
export async function unpackOutcome<T>(packed: PackedOutcome, slices: TimeSlices): Promise<T> {
  const bytes = new Uint8Array(packed.buffer);
  const outcome = deserialize(bytes.subarray(0, packed.head)) as T;
  const article = articleOf(outcome as object);
  let at = packed.head;
  for (const { field, end, lengths } of packed.pieces) {
    if (slices.due) await slices.wait();
    const into = article![field] as unknown[];
    if (lengths) {
      const joined = deserialize(bytes.subarray(at, end)) as string;
      let from = 0;
      for (let i = 0; i < lengths.length; i++) {
        if (i % CUTS_PER_CHECK === CUTS_PER_CHECK - 1 && slices.due) await slices.wait();
        into.push(joined.slice(from, from + lengths[i]!));
        from += lengths[i]!;
      }
    } else for (const item of deserialize(bytes.subarray(at, end)) as unknown[]) into.push(item);
    at = end;
  }
  return outcome;
}

function articleOf(outcome: object): Article | null {
  const parsed = (outcome as { parsed?: { article?: Article | null } }).parsed;
  return parsed?.article ?? null;
}
