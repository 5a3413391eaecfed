// What the web server's tests share: a hostile article, a library opened from fixture files, the
// app built around it, and a raw HTTP request for what inject cannot send.
import { connect } from 'node:net';
import { LiveLibrary } from '../../../src/library/live.js';
import { createLogger } from '../../../src/logger.js';
import { Metrics } from '../../../src/web/metrics.js';
import { buildWebApp, type WebDeps } from '../../../src/web/server.js';
import { FRONT_MATTER, PLAIN_TEXT, SEED_FORMAT } from '../../fixtures/articles.js';
import { seedsFolder } from '../../helpers.js';

export const HOSTILE = `Council <script>alert(1)</script> & "friends" meet

The council met on Monday to discuss the <b>harbour</b> budget & the ferry timetable for the islands.
`;

export const logger = createLogger('silent');

export async function open(files: Record<string, string>) {
  const dir = seedsFolder(files);
  const live = await LiveLibrary.open({ seedsDir: dir, maxArticleBytes: 1e6, cacheDir: null });
  return { dir, live };
}

export function app(deps: Partial<WebDeps> & Pick<WebDeps, 'live'>) {
  return buildWebApp({ logger, metrics: new Metrics(deps.live), publicUrl: null, ...deps });
}

export function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    let out = '';
    socket.on('data', (d) => {
      out += d.toString();
    });
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });
}

export const h1Count = (body: string) => body.match(/<h1[\s>]/g)?.length ?? 0;

/** The four articles the pages and search tests read: one per format, and one written to attack the page. */
export const PAGE_FILES = {
  'news/ferry.txt': SEED_FORMAT,
  'rail.md': FRONT_MATTER,
  'apples.txt': PLAIN_TEXT,
  'odd.txt': HOSTILE,
};
