import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { seedsFolder } from '../helpers.js';

// The operator's terminal is a destination of its own: what `check`, `ask` and `console` print of
// titles, bodies and file names carries nothing the terminal would obey (clear the screen, set the
// window title, hide a link with OSC 8), and a file name cannot forge a line of the report.

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

function newsbot(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    input,
    env: {
      PATH: process.env.PATH ?? '',
      NO_COLOR: '1',
      HOME: process.env.HOME ?? '',
      INDEX_CACHE_DIR: 'off',
    },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ESC = '\u001b';
/** Anything a terminal would obey, or that reorders text. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function hostileSeeds() {
  return seedsFolder({
    'council.txt':
      `Council ${ESC}]0;pwned\u0007meets ${ESC}[2J${ESC}[H on gnp\u202e.exe \u009b31m harbour\n\n` +
      `The council ${ESC}]8;;https://evil.example/${ESC}\\click here${ESC}]8;;${ESC}\\ met on Monday to discuss the harbour budget and the ferry timetable.\n`,
    [`evil\nDone: 0 problems${ESC}[2J`]: 'not an article',
    [`quiet${ESC}]0;x\u0007.txt`]: 'Title only',
  });
}

describe('the terminal gets text, never commands', () => {
  it('check: each problem on its own line, file names shown with their controls escaped', () => {
    const { code, stdout } = newsbot(['check', '--seeds', hostileSeeds()]);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(UNSAFE);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines).toContain('  skipped: evil\\nDone: 0 problems\\x1b[2J: not an article file (no extension)');
    expect(lines.some((l) => l.startsWith('  warning: quiet\\x1b]0;x\\x07.txt: '))).toBe(true);
  });

  it('check --json: the same values, with C1 and bidi controls escaped too', () => {
    const { stdout } = newsbot(['check', '--json', '--seeds', hostileSeeds()]);
    expect(stdout).not.toMatch(UNSAFE);
    const doc = JSON.parse(stdout) as { articles: { id: string; title: string }[] };
    expect(doc.articles.find((a) => a.id === 'council')!.title).toContain('\u009b31m');
  });

  it('ask and console: titles and bodies without their escape sequences', () => {
    const seeds = hostileSeeds();
    const ask = newsbot(['ask', '--seeds', seeds, '/news query:council harbour budget']);
    expect(ask.stdout).not.toMatch(UNSAFE);
    expect(ask.stdout).toContain('Council meets  on gnp.exe  harbour');
    expect(ask.stdout).toContain('The council click here met');
    const console = newsbot(['console', '--seeds', seeds], '/news council harbour\n/news query:zebra\n');
    expect(console.stdout).not.toMatch(UNSAFE);
    expect(console.stdout).toContain('Council meets');
    const json = newsbot(['console', '--json', '--seeds', seeds], '/news council harbour\n');
    expect(json.stdout).not.toMatch(UNSAFE);
    expect(JSON.parse(json.stdout.split('\n')[0]!).results[0].title).toContain('\u202e');
  });
});
