import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Article } from '../src/articles/types.js';

const made: string[] = [];

/**
 * Removes the folders seedsFolder made. tests/setup.ts runs it after every test of every file: a
 * hook registered here, at this module's top level, would run only in the first file of a worker
 * that shares its modules between files (the unit project, vitest.config.ts).
 */
export function removeTestFolders(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A temporary seeds folder holding `files` (path -> text or bytes); removed after the test. */
export function seedsFolder(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-test-'));
  made.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

const WORDS =
  'council budget harbour ferry island school road rail strike union pay deal minister talks court judge ruling election vote party leader'.split(
    ' ',
  );

/**
 * Writes `count` distinct articles of `paragraphs` paragraphs (60 made-up words each) into `dir`, so
 * a reload has real reading, parsing and indexing to do.
 */
export function writeArticles(dir: string, count: number, paragraphs = 6): void {
  for (let i = 0; i < count; i++) {
    const body = Array.from({ length: paragraphs }, (_, p) =>
      Array.from({ length: 60 }, (_, w) => WORDS[(i * 7 + p * 13 + w * ((i % 11) + 1)) % WORDS.length]).join(
        ' ',
      ),
    );
    writeFileSync(
      path.join(dir, `extra-${i}.txt`),
      `Story ${i} about the ${WORDS[i % WORDS.length]}\n\n${body.join('.\n\n')}.\n`,
    );
  }
}

/** An article with the given fields and the rest empty, for tests that need no parsing. */
export function articleWith(
  fields: Pick<Article, 'id' | 'title' | 'paragraphs'> & Partial<Article>,
): Article {
  return {
    file: `${fields.id}.md`,
    section: null,
    date: null,
    url: null,
    author: null,
    tags: [],
    standfirst: null,
    headings: [],
    links: [],
    summary: fields.paragraphs[0] ?? '',
    quotes: [],
    ...fields,
  };
}

/** A stream for createLogger that keeps each log line it is given in `lines`. */
export function logLines(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { stream, lines };
}

/** An Ed25519 key pair as Discord's app has: the public key in hex (as the portal shows it) and the private key. */
export function discordKeyPair(): { hex: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x!;
  return { hex: Buffer.from(x, 'base64url').toString('hex'), privateKey };
}

/** X-Signature-Ed25519 for `body` sent at `timestamp` (seconds), as Discord signs an interaction. */
export const signInteraction = (body: string, timestamp: string, by: KeyObject): string =>
  sign(null, Buffer.from(timestamp + body), by).toString('hex');

/** Turns of the event loop while `work` runs. */
export async function turnsDuring(work: Promise<unknown>): Promise<number> {
  let turns = 0;
  let running = true;
  const count = () => {
    if (!running) return;
    turns++;
    setImmediate(count);
  };
  setImmediate(count);
  await work;
  running = false;
  return turns;
}
