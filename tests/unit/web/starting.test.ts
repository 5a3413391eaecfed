import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { Progress } from '../../../src/library/progress.js';
import { Metrics } from '../../../src/web/metrics.js';
import { startWebServer } from '../../../src/web/server.js';
import {
  STARTING_RETRY_AFTER_SECONDS,
  type StartingWeb,
  startStartingWeb,
} from '../../../src/web/starting.js';
import { PLAIN_TEXT } from '../../fixtures/articles.js';
import { logger, open } from './web-fixtures.js';

const closing: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

/** A GET over a real socket: a new connection each time, or kept alive through `agent` when given. */
function get(
  address: string,
  path: string,
  agent?: http.Agent,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${address}${path}`, { agent: agent ?? false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          body += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

async function starting(progress: Progress): Promise<StartingWeb> {
  const face = await startStartingWeb({
    host: '127.0.0.1',
    port: 0,
    publicUrl: null,
    trustProxy: null,
    progress,
  });
  closing.push(() => face.close());
  return face;
}

describe('the web face during the first start', () => {
  it('answers /healthz, /readyz with the progress and /metrics, and 503 with Retry-After for pages', async () => {
    let clock = 0;
    const progress = new Progress('start', () => clock);
    progress.listed(400);
    for (let i = 0; i < 100; i++) progress.record(true);
    clock = 4000;
    const face = await starting(progress);

    expect(await get(face.address, '/healthz')).toMatchObject({ status: 200, body: '{"status":"ok"}' });
    const ready = await get(face.address, '/readyz');
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toMatchObject({
      status: 'starting',
      articles: 0,
      progress: {
        work: 'start',
        phase: 'reading',
        files: 400,
        read: 100,
        parsed: 100,
        rate: 25,
        etaSeconds: 12,
      },
    });
    const metrics = await get(face.address, '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('newsbot_progress_files{state="read"} 100');
    expect(metrics.body).toContain('newsbot_progress_phase_ratio{phase="reading"} 0.25');
    expect(metrics.body).toContain('newsbot_starting 1');
    expect(metrics.body).toContain('process_resident_memory_bytes');

    for (const path of ['/', '/search?q=ferry', '/articles/a.txt']) {
      const page = await get(face.address, path);
      expect(page.status, path).toBe(503);
      expect(page.headers['retry-after'], path).toBe(String(STARTING_RETRY_AFTER_SECONDS));
      expect(page.headers['content-security-policy'], path).toContain("default-src 'none'");
      expect(page.body, path).toContain('100/400 files');
    }
    expect(face.answered).toBe(6);
  });

  it('hands its port to the full pages: a kept-alive connection and requests during the handover are all answered', async () => {
    const progress = new Progress('start');
    const face = await starting(progress);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    closing.push(async () => agent.destroy());
    expect((await get(face.address, '/readyz', agent)).status).toBe(503);

    // requests keep coming while the library opens and the pages take over
    let polling = true;
    const statuses: number[] = [];
    let sawReady = () => {};
    const pollerSawReady = new Promise<void>((resolve) => {
      sawReady = resolve;
    });
    const poller = (async () => {
      while (polling) {
        const { status } = await get(face.address, '/readyz');
        statuses.push(status);
        if (status === 200) sawReady();
      }
    })();
    const { live } = await open({ 'apples.txt': PLAIN_TEXT });
    const web = await startWebServer(
      { live, logger, metrics: new Metrics(live), publicUrl: null, handover: face },
      { host: '127.0.0.1', port: 0 },
    );
    closing.unshift(() => web.close());
    expect(web.address).toBe(face.address);
    // the same kept-alive socket is now answered by the pages
    const ready = await get(face.address, '/readyz', agent);
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toMatchObject({ status: 'ready', articles: 1 });
    expect((await get(face.address, '/', agent)).status).toBe(200);
    await pollerSawReady;
    polling = false;
    await poller;
    // never a refused connection (get would have thrown) and never anything but starting or ready
    expect(new Set(statuses)).toEqual(new Set([503, 200]));
    expect(statuses.indexOf(200)).toBeGreaterThan(statuses.lastIndexOf(503));

    agent.destroy();
    await web.close();
    await expect(get(face.address, '/healthz')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('a port in use is one clear error', async () => {
    const face = await starting(new Progress('start'));
    const port = Number(new URL(face.address).port);
    await expect(
      startStartingWeb({
        host: '127.0.0.1',
        port,
        publicUrl: null,
        trustProxy: null,
        progress: new Progress('start'),
      }),
    ).rejects.toThrow(`WEB_PORT ${port} is already in use on 127.0.0.1`);
  });
});
