import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach } from 'vitest';
import type { Article } from '../src/articles/types.js';

const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

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
