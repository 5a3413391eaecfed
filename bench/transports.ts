import { generateKeyPairSync, sign } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { REST } from 'discord.js';
import { ALL_COMMANDS } from '../src/commands/index.js';
import { loadConfig } from '../src/config.js';
import type { InteractionDeps } from '../src/discord/context.js';
import { httpInteractions, publicKeyFromHex } from '../src/discord/http.js';
import { handleInteraction } from '../src/discord/interactions.js';
import { InteractionReply, restCallback } from '../src/discord/respond.js';
import { MemoryAnswerStore } from '../src/discord/store.js';
import type { LiveLibrary } from '../src/library/live.js';
import { createLogger } from '../src/logger.js';
import { Metrics } from '../src/web/metrics.js';
import { startWebServer } from '../src/web/server.js';

// The two transports on the same /news, end to end on 127.0.0.1: from the moment Discord has the
// interaction (the gateway: the payload in hand; HTTP: the signed POST leaving) to the moment its
// answer (the PATCH of @original) reaches a stand-in for Discord's REST API, which answers at once.
// The same handler runs in both; what differs is the transport's own work (for HTTP: a request
// through Fastify, the Ed25519 check, JSON parsing, the deferral as the HTTP response).

let next = 1_300_000_000_000_000_000n;
const snowflake = () => String(next++);

function newsInteraction(query: string, applicationId: string) {
  const userId = '1300000000000000002';
  return {
    type: 2,
    id: snowflake(),
    application_id: applicationId,
    token: `bench-${snowflake()}`,
    version: 1,
    user: { id: userId, username: 'bench' },
    context: 1,
    authorizing_integration_owners: { '1': userId },
    data: {
      id: '1300000000000000003',
      name: 'news',
      type: 1,
      options: [{ name: 'query', type: 3, value: query }],
    },
  };
}

/** Discord's side of the POST: a plain keep-alive request, so the client's own work stays small. */
function post(agent: http.Agent, url: string, body: string, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers, agent }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function timings(samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return { p50: at(50), p99: at(99) };
}

/** /news over both transports, in turns, `rounds` times over `queries`: p50 and p99 of each, in ms. */
export async function measureTransports(
  live: LiveLibrary,
  queries: readonly string[],
  rounds: number,
): Promise<Record<string, number>> {
  const applicationId = '1300000000000000001';
  const patched = new Map<string, () => void>();
  const sink = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const m =
        /\/webhooks\/\d+\/([^/]+)\/messages\/%40original|\/webhooks\/\d+\/([^/]+)\/messages\/@original/.exec(
          req.url ?? '',
        );
      if (req.method === 'POST' && /\/callback/.test(req.url ?? '')) {
        res.writeHead(204).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      const token = m?.[1] ?? m?.[2];
      if (req.method === 'PATCH' && token) patched.get(token)?.();
    });
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const rest = new REST({ api: `http://127.0.0.1:${(sink.address() as AddressInfo).port}/api` });
  const logger = createLogger('silent');
  const deps: InteractionDeps = {
    live,
    config: loadConfig({}),
    logger,
    commands: ALL_COMMANDS,
    pages: new MemoryAnswerStore(),
  };
  // each interaction's handler is let finish (its PATCH answered) before the next is sent, so
  // neither transport's figure carries the other's leftover work
  let inFlight: Promise<void> = Promise.resolve();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const hex = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
  const web = await startWebServer(
    {
      live,
      logger,
      metrics: new Metrics(live),
      publicUrl: null,
      interactions: httpInteractions({
        publicKey: publicKeyFromHex(hex),
        rest,
        deps: () => deps,
        track: (work) => {
          inFlight = work;
          return true;
        },
      }),
    },
    { host: '127.0.0.1', port: 0 },
  );
  const answered = (token: string) =>
    new Promise<void>((resolve) => {
      patched.set(token, () => {
        patched.delete(token);
        resolve();
      });
    });
  const gateway: number[] = [];
  const overHttp: number[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      for (const query of queries) {
        const a = newsInteraction(query, applicationId);
        const done = answered(a.token);
        let t = performance.now();
        const work = handleInteraction(
          a as never,
          new InteractionReply(a, rest, restCallback(rest, a as never)),
          deps,
        );
        await done;
        gateway.push(performance.now() - t);
        await work;

        const b = newsInteraction(query, applicationId);
        const body = JSON.stringify(b);
        const timestamp = String(Math.floor(Date.now() / 1000));
        // Discord's own work, before it sends
        const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
        const reached = answered(b.token);
        t = performance.now();
        await post(agent, `${web.address}/interactions`, body, {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'x-signature-ed25519': signature,
          'x-signature-timestamp': timestamp,
        });
        await reached;
        overHttp.push(performance.now() - t);
        await inFlight;
      }
    }
  } finally {
    agent.destroy();
    await web.close();
    await new Promise<void>((resolve) => sink.close(() => resolve()));
  }
  const g = timings(gateway);
  const h = timings(overHttp);
  return { gatewayNewsP50: g.p50, gatewayNewsP99: g.p99, httpNewsP50: h.p50, httpNewsP99: h.p99 };
}
