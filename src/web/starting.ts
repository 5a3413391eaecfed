// The web face during the first start (issue 23): a large archive takes minutes to load, and a
// supervisor or a load balancer should see the process alive and how far it is rather than a
// refused connection. It listens on WEB_PORT before the articles are read, answers /healthz (200),
// /readyz (503 with the progress) and /metrics, says 503 with Retry-After for every other page,
// and then hands its listening server to the full pages (web/server.ts), so the port never stops
// answering. In HTTP interactions mode it also answers Discord's POST /interactions (through
// discord/starting.ts: PONG, or a note of how far the start is), since a 503 there is "The
// application did not respond" to the user and a failed endpoint check to Discord.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { Config } from '../config.js';
import { describeProgress, type Progress } from '../library/progress.js';
import { oneLine } from '../shown-text.js';
import { ConnectionCap } from './connections.js';
import { HSTS_MAX_AGE_SECONDS, SECURITY_HEADERS } from './headers.js';
import { progressGauges } from './metrics.js';
import { problemPage, STYLESHEET } from './pages.js';
import {
  basePath,
  boundAddress,
  type InteractionsEndpoint,
  listenError,
  type PortHandover,
  WEB_LIMITS,
  type WebLimits,
} from './server.js';
import { type TrustProxy, trustFunction } from './trust-proxy.js';

/**
 * Retry-After on the pages while starting, in seconds: how often the log reports progress
 * (PROGRESS_LOG_EVERY_MS), so a client that waits sees the next step. The phase's ETA is not
 * used: it covers only the current phase, not the whole start.
 */
export const STARTING_RETRY_AFTER_SECONDS = 5;

export interface StartingWebOptions {
  host: string;
  port: number;
  publicUrl: string | null;
  trustProxy: TrustProxy | null;
  /** The start's progress, read on each /readyz and /metrics. */
  progress: Progress;
  /** WEB_LIMITS unless given (tests give small ones). */
  limits?: Partial<WebLimits>;
  /** In HTTP interactions mode: answers POST /interactions while starting (discord/starting.ts). */
  interactions?: InteractionsEndpoint;
}

export interface StartingWeb extends PortHandover {
  /** Requests answered by the starting face so far (for tests and the log). */
  readonly answered: number;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Listens on `host:port` and answers as a starting bot until `handOver`. Throws WebServerError
 * (as the full pages would) when it cannot listen.
 */
export async function startStartingWeb(options: StartingWebOptions): Promise<StartingWeb> {
  const limits: WebLimits = { ...WEB_LIMITS, ...options.limits };
  const base = basePath(options.publicUrl);
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  new Gauge({ name: 'newsbot_articles', help: 'Articles in the live snapshot', registers }).set(0);
  new Gauge({
    name: 'newsbot_starting',
    help: 'Whether the first start is still loading the articles (1; the full pages answer /metrics after it)',
    registers,
  }).set(1);
  progressGauges(registers, () => options.progress.state);

  let answered = 0;
  const starting: Handler = (request, response) => {
    answered++;
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    if (options.publicUrl?.startsWith('https:'))
      response.setHeader('strict-transport-security', `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`);
    response.setHeader('cache-control', 'no-store');
    const url = request.url ?? '/';
    const path = url.split('?')[0]!;
    const head = request.method === 'HEAD';
    const send = (status: number, type: string, body: string) => {
      response.statusCode = status;
      response.setHeader('content-type', type);
      response.setHeader('content-length', Buffer.byteLength(body));
      response.end(head ? undefined : body);
    };
    const json = (status: number, doc: unknown) =>
      send(status, 'application/json; charset=utf-8', JSON.stringify(doc));
    const get = request.method === 'GET' || head;
    const interactions = options.interactions;
    if (interactions && request.method === 'POST' && path === `${base}/interactions`) {
      const tooLarge = () => {
        // the rest of an oversized body is not read: the connection closes once this is sent
        response.setHeader('connection', 'close');
        json(413, { error: 'request body is too large' });
      };
      const declared = Number(request.headers['content-length'] ?? 0);
      if (declared > limits.interactionBodyLimitBytes) return tooLarge();
      const chunks: Buffer[] = [];
      let size = 0;
      let refused = false;
      request.on('data', (chunk: Buffer) => {
        if (refused) return;
        size += chunk.length;
        if (size > limits.interactionBodyLimitBytes) {
          refused = true;
          tooLarge();
          return;
        }
        chunks.push(chunk);
      });
      request.on('end', () => {
        if (refused) return;
        interactions(Buffer.concat(chunks), request.headers).then(
          (answer) => json(answer.status, answer.body),
          () => json(500, { error: 'no answer' }),
        );
      });
      return;
    }
    if (get && path === `${base}/healthz`) return json(200, { status: 'ok' });
    if (get && path === `${base}/readyz`)
      return json(503, {
        status: 'starting',
        articles: 0,
        gateway: null,
        progress: options.progress.state,
      });
    if (get && path === `${base}/metrics`) {
      registry.metrics().then(
        (text) => send(200, registry.contentType, text),
        () => send(500, 'text/plain; charset=utf-8', 'metrics failed\n'),
      );
      return;
    }
    if (get && path === `${base}/style.css`) return send(200, 'text/css; charset=utf-8', STYLESHEET);
    response.setHeader('retry-after', String(STARTING_RETRY_AFTER_SECONDS));
    send(
      503,
      'text/html; charset=utf-8',
      problemPage(
        { base },
        'Starting',
        `The articles are still being loaded (${oneLine(describeProgress(options.progress.state))}). Please try again in a few seconds.`,
        0,
      ),
    );
  };

  let current: Handler = starting;
  let pending: Handler | null = null;
  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.timeoutCheckMs,
    },
    (request, response) => current(request, response),
  );
  // what Fastify sets on a server it makes itself (web/server.ts), so nothing changes at the handover
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.setTimeout(limits.idleTimeoutMs);
  const trusted = trustFunction(options.trustProxy);
  let countRefused: (cap: 'address' | 'total') => void = () => {};
  new ConnectionCap(
    { total: limits.maxConnections, perAddress: limits.maxConnectionsPerAddress },
    (address) => trusted(address, 0),
    (cap) => countRefused(cap),
  ).attach(server);

  const listen = { host: options.host, port: options.port };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: unknown) => {
    throw listenError(error, listen);
  });
  let closed: Promise<void> | null = null;

  return {
    server,
    address: boundAddress(server, listen),
    get answered() {
      return answered;
    },
    receive(handler) {
      pending = handler;
      return server;
    },
    handOver(onRefused) {
      if (!pending) throw new Error('handOver before the pages gave their handler (receive)');
      current = pending;
      countRefused = onRefused;
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      return closed;
    },
  };
}

/**
 * The starting face for `config` when WEB_PORT is set; null otherwise. `interactions` answers
 * POST /interactions meanwhile (HTTP interactions mode).
 */
export function startConfiguredStartingWeb(
  config: Config,
  progress: Progress,
  interactions?: InteractionsEndpoint,
): Promise<StartingWeb | null> {
  if (config.webPort === null) return Promise.resolve(null);
  return startStartingWeb({
    host: config.webHost,
    port: config.webPort,
    publicUrl: config.publicUrl,
    trustProxy: config.trustProxy,
    progress,
    ...(interactions ? { interactions } : {}),
  });
}
