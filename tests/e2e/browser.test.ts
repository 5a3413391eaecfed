// The one test in a real browser: Debian's chromium, driven by playwright-core (which downloads no
// browser of its own). It runs /news in the console with WEB_PORT set, follows the reply's Read
// link and reads the article page as a person would. Without /usr/bin/chromium it is reported as
// skipped, with the line that installs it; CI (.ci/run) installs it, so there it always runs.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SEED_FORMAT } from '../fixtures/articles.js';
import { seedsFolder } from '../helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `browser test skipped: ${CHROMIUM} is missing. Install it with:\n  sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium`,
  );
}

/** Flags for a headless chromium on a machine with no network but loopback (see .library notes). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const bin = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const made: string[] = [];
let child: ChildProcessWithoutNullStreams | null = null;
afterAll(() => {
  child?.kill();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

describe('the web pages in a real browser', () => {
  it.skipIf(!hasChromium)(
    "/news in the console links to the article's page, which shows the title and a quotation with its speaker",
    async () => {
      const seeds = seedsFolder({ 'news/ferry.txt': SEED_FORMAT });
      // any free port: the console says where it listens
      child = spawn(process.execPath, [bin, 'console', '--json', '--seeds', seeds], {
        cwd: tempDir('newsbot-browser-cwd-'),
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          WEB_PORT: '0',
          INDEX_CACHE_DIR: 'off',
        },
      });
      const stderr = createInterface({ input: child.stderr });
      const stdout = createInterface({ input: child.stdout });
      const address = await new Promise<string>((resolve, reject) => {
        stderr.on('line', (line) => {
          const m = /^Web pages: (\S+?)\/? /.exec(line);
          if (m) resolve(m[1]!);
        });
        child!.once('exit', (code) => reject(new Error(`the console exited (${code}) before serving`)));
      });
      const replyLine = new Promise<string>((resolve) => stdout.once('line', resolve));
      child.stdin.write('/news What did Alvarez say about families?\n');
      const answer = JSON.parse(await replyLine);
      const buttons = answer.reply.components.flatMap((row: { components: unknown[] }) => row.components);
      const read = buttons.find((b: { label?: string }) => b.label?.startsWith('Read: '));
      expect(read.url).toBe(`${address}/articles/news/ferry`);
      expect(answer.reply.embeds[0].url).toBe(read.url);

      const { chromium } = await import('playwright-core');
      const browser = await chromium.launchPersistentContext(tempDir('newsbot-chromium-'), {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
      });
      try {
        const page = await browser.newPage();
        const response = await page.goto(read.url);
        expect(response?.status()).toBe(200);
        await expect(page.locator('h1').textContent()).resolves.toBe(
          'Harbour Council Approves New Ferry Route to the Islands',
        );
        const quotation = page.locator('p', { has: page.locator('q') });
        await expect(quotation.locator('q').textContent()).resolves.toBe(
          'This connects families who have been cut off every winter',
        );
        // `"…," Alvarez said.`: the attribution's own name is the speaker's mark, given once
        await expect(quotation.locator('.speaker').textContent()).resolves.toBe('Alvarez');
        await expect(quotation.locator('.speaker').getAttribute('title')).resolves.toContain('Alvarez');
        // the page asks for nothing outside its own origin: the CSP would refuse it anyway
        const requests: string[] = [];
        page.on('request', (r) => requests.push(r.url()));
        await page.reload();
        expect(requests.every((u) => u.startsWith(address))).toBe(true);
      } finally {
        await browser.close();
      }
      child.stdin.end();
      const code = await new Promise((resolve) => child!.once('exit', resolve));
      expect(code).toBe(0);
      child = null;
    },
    60_000,
  );
});
