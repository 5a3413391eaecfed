import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveLibrary } from '../../../src/library/live.js';
import { createLogger } from '../../../src/logger.js';
import { Metrics } from '../../../src/web/metrics.js';
import {
  buildWebApp,
  type RunningWebServer,
  startWebServer,
  WEB_LIMITS,
  type WebDeps,
} from '../../../src/web/server.js';
import { PLAIN_TEXT } from '../../fixtures/articles.js';
import { seedsFolder } from '../../helpers.js';

// Real sockets on 127.0.0.1 against the real server. The timeouts are made small (tens of
// milliseconds) so a test waits for the server to close a socket, never for a fixed time.

const logger = createLogger('silent');
const running: RunningWebServer[] = [];
const sockets: Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  for (const server of running.splice(0)) await server.close();
});

let metrics: Metrics;

async function serve(extra: Partial<WebDeps> = {}): Promise<number> {
  const live = await LiveLibrary.open({
    seedsDir: seedsFolder({ 'apples.txt': PLAIN_TEXT }),
    maxArticleBytes: 1e6,
    cacheDir: null,
  });
  metrics = new Metrics(live);
  const server = await startWebServer(
    { live, logger, metrics, publicUrl: null, ...extra },
    { host: '127.0.0.1', port: 0 },
  );
  running.push(server);
  return Number(new URL(server.address).port);
}

/** newsbot_web_connections_refused_total{cap} as /metrics shows it. */
async function refused(cap: 'address' | 'total'): Promise<number> {
  const line = (await metrics.text())
    .split('\n')
    .find((l) => l.startsWith(`newsbot_web_connections_refused_total{cap="${cap}"}`));
  return Number(line?.split(' ')[1]);
}

/** A socket from `from` (any 127.x.y.z is this machine on Linux), once connected. */
function open(port: number, from = '127.0.0.1'): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress: from }, () => resolve(socket));
    sockets.push(socket);
    socket.on('error', reject);
  });
}

/** Everything the server sends until it closes the socket. */
function untilClosed(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let out = '';
    socket.on('data', (d) => {
      out += d.toString();
    });
    socket.on('error', () => {});
    if (socket.destroyed) resolve(out);
    else socket.on('close', () => resolve(out));
  });
}

/** One whole request on its own connection: the response's status line. */
async function statusFrom(port: number, from: string, path = '/healthz'): Promise<string> {
  const socket = await open(port, from);
  const response = untilClosed(socket);
  socket.end(`GET ${path} HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n`);
  return (await response).split('\r\n')[0] ?? '';
}

const SMALL = { headersTimeoutMs: 60, requestTimeoutMs: 120, timeoutCheckMs: 20 };

describe('web server time limits', () => {
  it('every limit has a value, and the headers come due before the whole request', () => {
    for (const value of Object.values(WEB_LIMITS)) expect(value).toBeGreaterThan(0);
    expect(WEB_LIMITS.headersTimeoutMs).toBeLessThanOrEqual(WEB_LIMITS.requestTimeoutMs);
    expect(WEB_LIMITS.timeoutCheckMs).toBeLessThan(WEB_LIMITS.headersTimeoutMs);
    expect(WEB_LIMITS.maxConnectionsPerAddress).toBeLessThan(WEB_LIMITS.maxConnections);
  });

  it('a request body trickled a byte at a time loses its socket at the request timeout', async () => {
    const port = await serve({ limits: SMALL });
    for (const method of ['POST', 'GET']) {
      const socket = await open(port);
      const response = untilClosed(socket);
      socket.write(`${method} / HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n`);
      const trickle = setInterval(() => socket.writable && socket.write('x'), 10);
      const started = Date.now();
      try {
        await response;
      } finally {
        clearInterval(trickle);
      }
      // closed by the server, not left to the trickler: well before 100,000 bytes at one per 10 ms
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(socket.destroyed || socket.readableEnded).toBe(true);
    }
  });

  it('headers trickled a byte at a time, or never sent, get a 408 and the socket is closed', async () => {
    const port = await serve({ limits: SMALL });
    const slow = await open(port);
    const slowResponse = untilClosed(slow);
    slow.write('GET / HTTP/1.1\r\nHost: a\r\n');
    const trickle = setInterval(() => slow.writable && slow.write('X-A: b\r\n'), 10);
    try {
      expect(await slowResponse).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      clearInterval(trickle);
    }
    const silent = await open(port);
    expect(await untilClosed(silent)).toMatch(/^(HTTP\/1\.1 408 |)$/m);
    expect(silent.destroyed || silent.readableEnded).toBe(true);
  });

  it('a request within the limits is answered as usual', async () => {
    const port = await serve({ limits: SMALL });
    expect(await statusFrom(port, '127.0.0.1', '/articles/apples')).toBe('HTTP/1.1 200 OK');
  });
});

describe('web server connection caps', () => {
  it('240 slow sockets from one address use up its own share only: others are still served', async () => {
    const port = await serve();
    const slow = await Promise.all(Array.from({ length: 240 }, () => open(port, '127.0.0.1')));
    // each holds a request half sent, as a slow client would
    for (const s of slow) s.write('GET /healthz HTTP/1.1\r\nHost: a\r\n');
    const over = 240 - WEB_LIMITS.maxConnectionsPerAddress;
    await new Promise<void>((resolve) => {
      let closed = 0;
      for (const s of slow) untilClosed(s).then(() => ++closed === over && resolve());
    });
    expect(slow.filter((s) => !s.destroyed).length).toBe(WEB_LIMITS.maxConnectionsPerAddress);
    expect(await refused('address')).toBe(over);
    // another client is served at once
    expect(await statusFrom(port, '127.0.0.2')).toBe('HTTP/1.1 200 OK');
    // once the slow sockets go, their address is served again
    for (const s of slow) s.destroy();
    await Promise.all(slow.map((s) => new Promise((r) => (s.closed ? r(null) : s.once('close', r)))));
    let status = '';
    // the server counts a socket down when it sees it close, a moment after the client does
    for (let i = 0; i < 50 && status !== 'HTTP/1.1 200 OK'; i++)
      status = await statusFrom(port, '127.0.0.1').catch(() => '');
    expect(status).toBe('HTTP/1.1 200 OK');
  });

  it('a connection over the total cap is closed as it opens', async () => {
    const port = await serve({ limits: { maxConnections: 3, maxConnectionsPerAddress: 10 } });
    const held = await Promise.all(['127.0.0.1', '127.0.0.2', '127.0.0.3'].map((a) => open(port, a)));
    const over = await open(port, '127.0.0.4');
    expect(await untilClosed(over)).toBe('');
    expect(await refused('total')).toBe(1);
    expect(await refused('address')).toBe(0);
    for (const s of held) s.destroy();
  });

  it('a trusted proxy carries many clients: it counts towards the total only', async () => {
    const port = await serve({
      limits: { maxConnectionsPerAddress: 2 },
      trustProxy: { addresses: ['127.0.0.5'] },
    });
    const viaProxy = await Promise.all(Array.from({ length: 4 }, () => open(port, '127.0.0.5')));
    expect(await statusFrom(port, '127.0.0.5')).toBe('HTTP/1.1 200 OK');
    const direct = await Promise.all(Array.from({ length: 2 }, () => open(port, '127.0.0.6')));
    const third = await open(port, '127.0.0.6');
    expect(await untilClosed(third)).toBe('');
    for (const s of [...viaProxy, ...direct]) s.destroy();
  });
});

describe('TRUST_PROXY', () => {
  /** Three searches from one socket address, each claiming a different client in X-Forwarded-For. */
  async function forged(trustProxy: WebDeps['trustProxy']): Promise<number[]> {
    const l = await LiveLibrary.open({
      seedsDir: seedsFolder({ 'apples.txt': PLAIN_TEXT }),
      maxArticleBytes: 1e6,
      cacheDir: null,
    });
    const web = buildWebApp({
      live: l,
      logger,
      metrics: new Metrics(l),
      publicUrl: null,
      rateLimit: { burst: 1, perSecond: 0.001 },
      trustProxy,
    });
    const codes: number[] = [];
    for (const client of ['10.0.0.1', '10.0.0.2', '10.0.0.3'])
      codes.push(
        (
          await web.inject({
            url: '/search?q=apples',
            remoteAddress: '127.0.0.1',
            headers: { 'x-forwarded-for': client },
          })
        ).statusCode,
      );
    await web.close();
    return codes;
  }

  it('by default X-Forwarded-For is not believed, even from loopback: a forged address gets no fresh allowance', async () => {
    expect(await forged(undefined)).toEqual([200, 429, 429]);
    expect(await forged(null)).toEqual([200, 429, 429]);
  });

  it('from a proxy it names (or within its hops), X-Forwarded-For names the client', async () => {
    expect(await forged({ addresses: ['loopback'] })).toEqual([200, 200, 200]);
    expect(await forged({ addresses: ['127.0.0.1'] })).toEqual([200, 200, 200]);
    expect(await forged({ hops: 1 })).toEqual([200, 200, 200]);
    // a proxy elsewhere is not this peer
    expect(await forged({ addresses: ['10.9.9.9', '192.168.0.0/16'] })).toEqual([200, 429, 429]);
  });
});
