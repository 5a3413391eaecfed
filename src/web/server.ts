import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import { type NewsOptions, definition as newsDefinition, newsRequest } from '../commands/news.js';
import { validateOptions } from '../commands/options.js';
import { definition as quoteDefinition, quoteRequest, searchQuotes } from '../commands/quote.js';
import { articleLink } from '../commands/reply.js';
import type { Config } from '../config.js';
import type { Library } from '../library/library.js';
import type { LiveLibrary } from '../library/live.js';
import type { Logger } from '../logger.js';
import { inProcess, isSearchBusy, type Searcher } from '../search-pool/searcher.js';
import type { RunningPool } from '../search-pool/start.js';
import { ConnectionCap } from './connections.js';
import { HSTS_MAX_AGE_SECONDS, SECURITY_HEADERS } from './headers.js';
import { Metrics } from './metrics.js';
import {
  articlePage,
  HOME_ARTICLES,
  homePage,
  MAX_PATH_CHARS,
  type PagePaths,
  problemPage,
  quotesPage,
  STYLESHEET,
  searchPage,
} from './pages.js';
import { type RateLimit, TokenBuckets } from './rate-limit.js';
import { type PageRenderer, pagesInProcess } from './search-render.js';
import { type TrustProxy, trustFunction } from './trust-proxy.js';

/**
 * Request bounds. A search's query is at most 300 characters (as /news), which percent-encoded
 * UTF-8 makes at most 2,700; ids are file paths under the seeds folder, and the pages link no
 * article whose path is longer than MAX_PATH_CHARS (pages.ts). Anything longer is refused (414)
 * before any work is done.
 */
export { MAX_PATH_CHARS };
export const MAX_QUERY_CHARS = 4096;

/**
 * Per address on /search and /quotes: a burst of 20 (a person refining a question a few times
 * over) then one a second, far more than a reader needs. `npm run bench` serves /search at about
 * 200 pages a second at 2k articles and 17-47 at 21k-85k on a shared 2-core machine (docs/performance.md), so
 * once its burst is spent one address takes a few percent of the server at most.
 */
export const SEARCH_RATE_LIMIT: RateLimit = { burst: 20, perSecond: 1 };

/** The limit for WEB_RATE_LIMIT searches a second per address (after the same burst); 0: none, for load tests. */
export function searchRateLimit(perSecond: number): RateLimit {
  return perSecond > 0
    ? { ...SEARCH_RATE_LIMIT, perSecond }
    : { burst: Number.POSITIVE_INFINITY, perSecond: Number.POSITIVE_INFINITY };
}
/** Addresses remembered by the rate limiter: bounded memory under a flood of addresses. */
export const RATE_LIMIT_ADDRESSES = 10_000;

export { HSTS_MAX_AGE_SECONDS, SECURITY_HEADERS };

/** How long a client may take, and how many connections it may hold (WEB_LIMITS). */
export interface WebLimits {
  /** From a connection (or the end of the last response) to the end of a request's headers. */
  headersTimeoutMs: number;
  /** From a connection (or the end of the last response) to the end of the whole request, body included. */
  requestTimeoutMs: number;
  /** An idle kept-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** A connection on which nothing moves either way (a reader who stopped reading) is closed after this. */
  idleTimeoutMs: number;
  /** How often Node checks the headers and request timeouts: a late request is closed within this after its deadline. */
  timeoutCheckMs: number;
  /** Open connections in all; more are closed as they open. */
  maxConnections: number;
  /** Open connections from one client address (trusted proxies excepted); more are closed as they open. */
  maxConnectionsPerAddress: number;
  /** The largest request body read (no page takes one: a body is refused, this bounds what is read first). */
  bodyLimitBytes: number;
  /** The largest POST /interactions body read (HTTP interactions mode only). */
  interactionBodyLimitBytes: number;
}

/**
 * Every page is a GET whose request is a line and a few headers (under 8 KB, Node's header limit),
 * which a phone on a poor network sends in well under a second: 10 s for the headers and 15 s for
 * the whole request leave a wide margin, and a client trickling its request (a byte every 10 s)
 * loses its socket instead of holding it forever (Node's own defaults are 60 s and 300 s, and
 * Fastify turns the request timeout off). Kept-alive idle connections close after 5 s, Node's
 * own default (browsers and proxies reconnect as they need; Fastify's 72 s suits a cloud load
 * balancer, not a bot on one host). 30 s with nothing moving either way ends a reader who stopped
 * reading a page. The timeouts are checked every second (Node: every 30 s, which would let a
 * trickled request live 45 s).
 *
 * 512 connections at once leaves half of the common 1,024 open-files limit to the rest of the bot
 * (article files during a reload, the Discord gateway, the cache). A browser opens at most 6
 * connections to a host, so 32 per address serves five readers sharing one address (an office
 * behind one NAT) with room to spare, while one client holding slow sockets gets 32 of the 512 and
 * the pages keep answering everyone else.
 *
 * An interaction's body is Discord's, signed: a message command carries the whole target message
 * (up to 4,000 characters of content, 10 embeds of up to 6,000 characters, attachments' metadata)
 * plus the resolved users and members, a few tens of KB at most; 256 KB bounds what is read before
 * the signature is checked with room for Discord to add fields.
 */
export const WEB_LIMITS: WebLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 30_000,
  timeoutCheckMs: 1_000,
  maxConnections: 512,
  maxConnectionsPerAddress: 32,
  bodyLimitBytes: 1024,
  interactionBodyLimitBytes: 256 * 1024,
};

export interface WebDeps {
  live: LiveLibrary;
  logger: Logger;
  metrics: Metrics;
  /** PUBLIC_URL as configured; its path (if any) is where the pages live. */
  publicUrl: string | null;
  /** In Discord mode: whether the gateway is connected (for /readyz). Absent in the console. */
  gatewayConnected?: () => boolean;
  rateLimit?: RateLimit;
  now?: () => number;
  /** WEB_LIMITS unless given (tests give small ones). */
  limits?: Partial<WebLimits>;
  /** TRUST_PROXY: who may say who the client is in X-Forwarded-For; absent or null: no one. */
  trustProxy?: TrustProxy | null;
  /** In HTTP interactions mode: answers POST /interactions (the raw body and the headers). */
  interactions?: InteractionsEndpoint;
  /** What /readyz adds about replicas: the shared store's state and the reload generation. */
  replicas?: () => ReplicaStatus;
  /**
   * The moment searches are answered as of: the console's `--now`, so its pages and its replies
   * agree; absent or null: the clock when each page is asked for.
   */
  askedAt?: Date | null;
  /** Where searches run (the worker pool); absent: in this thread, on the live snapshot. */
  searcher?: Searcher;
  /** Where the pages of web/search-render.ts are rendered (the worker pool); absent: as `searcher`. */
  pages?: PageRenderer;
  /**
   * A server already listening on the port (the starting face, web/starting.ts): the pages take
   * its requests over instead of listening themselves, so the port never stops answering.
   */
  handover?: PortHandover;
}

/**
 * The listening server a starting face hands to the full pages: it keeps its socket, its
 * timeouts and its connection caps (WEB_LIMITS), and only who answers the requests changes.
 */
export interface PortHandover {
  readonly server: Server;
  /** Where it listens ("http://127.0.0.1:8080"). */
  readonly address: string;
  /** Gives the pages' request handler; it answers once `handOver` is called. Returns the server. */
  receive(handler: (request: IncomingMessage, response: ServerResponse) => void): Server;
  /** From now on the handler given to `receive` answers every request; refused connections are counted by `onRefused`. */
  handOver(onRefused: (cap: 'address' | 'total') => void): void;
  /** Closes the server (a no-op once closed). */
  close(): Promise<void>;
}

/** One POST /interactions: verified and answered by src/discord/http.ts; `sent` is called once the response is written. */
export type InteractionsEndpoint = (
  raw: Buffer,
  headers: Record<string, string | string[] | undefined>,
) => Promise<{ status: number; body: unknown; sent?: () => void }>;

export interface ReplicaStatus {
  /** 'memory' (one process), else whether Redis answers. */
  store: 'memory' | 'connected' | 'disconnected';
  /** Reloads so far across the replicas (Redis), or this process's. */
  generation: number;
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

const METHODS = ['GET', 'HEAD'];

/** The path PUBLIC_URL puts the pages under ("" for a bare host). */
export function basePath(publicUrl: string | null): string {
  return publicUrl ? new URL(publicUrl).pathname.replace(/\/+$/, '') : '';
}

/**
 * An article id from the raw request path after `/articles/`: each segment percent-decoded on its
 * own, so an encoded slash, a NUL, `.` or `..` can never make a different id. Null: not an id.
 */
export function articleIdFromPath(rawPath: string): string | null {
  const segments = rawPath.split('/');
  const out: string[] = [];
  for (const segment of segments) {
    if (/%(2f|5c|00)/i.test(segment)) return null;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return null;
    }
    if (!decoded || decoded === '.' || decoded === '..' || /[\\/\0]/.test(decoded)) return null;
    out.push(decoded);
  }
  return out.join('/');
}

/** One query parameter: absent is "", given twice is a bad request. */
function param(query: unknown, name: string): string {
  const value = (query as Record<string, unknown> | undefined)?.[name];
  if (value === undefined) return '';
  if (typeof value !== 'string') throw new HttpProblem(400, 'Bad request', `Give “${name}” once, as text.`);
  return value.trim();
}

/** A command's option error, for a page: Discord markdown's code marks dropped. */
function plain(message: string): string {
  return message.replace(/`/g, '');
}

/**
 * The web pages and the machine endpoints, on the same live snapshot as the commands: every
 * request reads `live.current`, so a reload shows at once. Built, not listening (tests inject).
 */
export function buildWebApp(deps: WebDeps): FastifyInstance {
  const base = basePath(deps.publicUrl);
  const paths: PagePaths = { base };
  const buckets = new TokenBuckets(deps.rateLimit ?? SEARCH_RATE_LIMIT, RATE_LIMIT_ADDRESSES, deps.now);
  const total = () => deps.live.current.size;
  /** For error pages, which must not fail themselves. */
  const totalOrZero = () => {
    try {
      return total();
    } catch {
      return 0;
    }
  };

  const searcher = (library: Library) => deps.searcher ?? inProcess(library);
  const pages = (library: Library) => deps.pages ?? pagesInProcess(library);
  /** A search that could not run now (queue full, or out of time): 503 with Retry-After, never a wait. */
  const searched = async <T>(reply: FastifyReply, search: Promise<T>): Promise<T> => {
    try {
      return await search;
    } catch (error) {
      if (!isSearchBusy(error)) throw error;
      reply.header('retry-after', String(error.retryAfterSeconds));
      throw new HttpProblem(
        503,
        'Busy right now',
        `Too many searches at once: please try again in ${error.retryAfterSeconds} s.`,
      );
    }
  };

  const sendPage = (reply: FastifyReply, status: number, page: string) =>
    reply.code(status).type('text/html; charset=utf-8').send(page);

  const secure = (reply: FastifyReply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    if (deps.publicUrl?.startsWith('https:'))
      reply.header('strict-transport-security', `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`);
    // a reload must show at once: pages may be kept but are checked again each time
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-cache');
  };

  const limits: WebLimits = { ...WEB_LIMITS, ...deps.limits };
  const trusted = trustFunction(deps.trustProxy ?? null);
  const app = Fastify({
    // Node checks the headers and request timeouts itself (408, then the socket is closed)
    http: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.timeoutCheckMs,
    },
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionTimeout: limits.idleTimeoutMs,
    bodyLimit: limits.bodyLimitBytes,
    loggerInstance: deps.logger as FastifyBaseLogger,
    // one debug line per page (onResponse below) rather than two info lines per request
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { maxParamLength: MAX_PATH_CHARS },
    // a malformed address (bad percent-encoding) never reaches the hooks: it gets the same page
    frameworkErrors: (_error, _request, reply) => {
      secure(reply);
      return sendPage(
        reply,
        400,
        problemPage(paths, 'Bad request', 'That address is not one these pages understand.', totalOrZero()),
      );
    },
    // only the proxies TRUST_PROXY names may say who the client is (X-Forwarded-For)
    trustProxy: trusted,
    return503OnClosing: true,
    // a port already listening (the starting face) is taken over: its server, not a new one
    ...(deps.handover ? { serverFactory: deps.handover.receive as (h: RequestListener) => Server } : {}),
  });
  // a trusted proxy carries many clients' connections: it counts towards the total cap only
  // (a server taken over has the same caps already, attached when it began to listen)
  if (!deps.handover)
    new ConnectionCap(
      { total: limits.maxConnections, perAddress: limits.maxConnectionsPerAddress },
      (address) => trusted(address, 0),
      deps.metrics.connectionRefused,
    ).attach(app.server);
  app.addHook('onRequest', async (request, reply) => {
    secure(reply);
    const interactionsPost =
      deps.interactions !== undefined && request.method === 'POST' && request.url === `${base}/interactions`;
    if (!METHODS.includes(request.method) && !interactionsPost) {
      reply.header('allow', METHODS.join(', '));
      throw new HttpProblem(405, 'Method not allowed', 'These pages are read-only: use GET or HEAD.');
    }
    const url = request.raw.url ?? '';
    const q = url.indexOf('?');
    const pathChars = q < 0 ? url.length : q;
    if (pathChars > MAX_PATH_CHARS || (q >= 0 && url.length - q - 1 > MAX_QUERY_CHARS))
      throw new HttpProblem(414, 'Address too long', 'That address is longer than any page here.');
  });

  app.addHook('onResponse', async (request, reply) => {
    request.log.debug(
      {
        method: request.method,
        url: request.url.slice(0, 200),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'page served',
    );
  });

  const rateLimited = async (request: FastifyRequest, reply: FastifyReply) => {
    const wait = buckets.take(request.ip);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw new HttpProblem(429, 'Too many requests', `Please wait ${wait} s before the next search.`);
    }
  };

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    if (error instanceof HttpProblem)
      return sendPage(reply, error.status, problemPage(paths, error.title, error.message, totalOrZero()));
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error, url: request.url.slice(0, 200) }, 'page failed');
    // the error's own text may name files or code: a page says only what the person can act on
    return sendPage(
      reply,
      status,
      status === 500
        ? problemPage(
            paths,
            'Something went wrong',
            'The page could not be made. It has been logged; please try again.',
            totalOrZero(),
          )
        : problemPage(paths, 'Bad request', 'That address is not one these pages understand.', totalOrZero()),
    );
  });

  app.setNotFoundHandler((_request, reply) =>
    sendPage(reply, 404, problemPage(paths, 'Not found', 'There is no page at this address.', total())),
  );

  app.get(`${base}/style.css`, (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLESHEET),
  );

  app.get(`${base}/`, (_request, reply) => {
    const library = deps.live.current;
    return sendPage(reply, 200, homePage(paths, library.newest(HOME_ARTICLES), library.size));
  });

  app.get(`${base}/search`, { onRequest: rateLimited }, async (request, reply) => {
    const library = deps.live.current;
    const q = param(request.query, 'q');
    const since = param(request.query, 'since');
    const until = param(request.query, 'until');
    const page = (status: number, input: Parameters<typeof searchPage>[1]) =>
      sendPage(reply, status, searchPage(paths, input, library.size));
    if (!q) return page(200, { q, since, until, hits: null });
    // the same parsing and the same search as /news, as of the moment the page is asked for
    const checked = validateOptions(newsDefinition, { query: q, since, until });
    // validateOptions checked them against the definition: the typed options are what it gives
    const request_ = checked.ok ? newsRequest(checked.options as NewsOptions) : { error: checked.error };
    if ('error' in request_) return page(400, { q, since, until, hits: null, error: plain(request_.error) });
    // searched and rendered where the searches run: this thread only sends the page
    const now = deps.askedAt ?? new Date();
    const rendered = await searched(
      reply,
      pages(library).run('searchPage', { paths, q, since, until, request: request_, now }),
    );
    return sendPage(reply, 200, rendered);
  });

  app.get(`${base}/quotes`, { onRequest: rateLimited }, async (request, reply) => {
    const library = deps.live.current;
    const q = param(request.query, 'q');
    const speaker = param(request.query, 'speaker');
    const since = param(request.query, 'since');
    const until = param(request.query, 'until');
    // the same parsing and the same library call as /quote
    const checked = validateOptions(quoteDefinition, { query: q, speaker, since, until });
    if (!checked.ok) throw new HttpProblem(400, 'Bad request', plain(checked.error));
    const asked = quoteRequest(checked.options);
    if ('error' in asked) throw new HttpProblem(400, 'Bad request', plain(asked.error));
    const hits = await searched(
      reply,
      searchQuotes(searcher(library), asked, deps.askedAt ?? new Date(), library),
    );
    return sendPage(
      reply,
      200,
      quotesPage(
        paths,
        { q: asked.query, speaker: asked.speaker ?? '', since: asked.since, until: asked.until, hits },
        library.size,
      ),
    );
  });

  app.get(`${base}/articles/*`, (request, reply) => {
    const library: Library = deps.live.current;
    const url = request.raw.url ?? '';
    const rawPath = url.split('?')[0]!.slice(`${base}/articles/`.length);
    const id = articleIdFromPath(rawPath);
    const article = id === null ? undefined : library.get(id);
    if (!article)
      return sendPage(
        reply,
        404,
        problemPage(
          paths,
          'Not found',
          'No article has this address. It may have been removed in a reload.',
          library.size,
        ),
      );
    return sendPage(reply, 200, articlePage(paths, article, articleLink(article, null), library.size));
  });

  const interactions = deps.interactions;
  if (interactions) {
    // Discord signs the raw bytes: the body is kept as it came, never parsed before it is verified
    app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
      scope.post(
        `${base}/interactions`,
        { bodyLimit: limits.interactionBodyLimitBytes },
        async (request, reply) => {
          const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          const answer = await interactions(raw, request.headers);
          if (answer.sent) reply.raw.once('close', answer.sent);
          return reply
            .code(answer.status)
            .header('cache-control', 'no-store')
            .type('application/json')
            .send(JSON.stringify(answer.body));
        },
      );
    });
  }

  app.get(`${base}/healthz`, (_request, reply) => reply.send({ status: 'ok' }));

  app.get(`${base}/readyz`, (_request, reply) => {
    const articles = deps.live.current.size;
    const gateway = deps.gatewayConnected ? (deps.gatewayConnected() ? 'connected' : 'disconnected') : null;
    const ready = articles > 0 && gateway !== 'disconnected';
    // Redis down does not make a replica unready: it still answers, only paging waits for Redis;
    // a reload in progress says how far along it is (the old articles answer meanwhile)
    const replicas = deps.replicas?.();
    const progress = deps.live.progress?.state ?? null;
    return reply.code(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'not ready',
      articles,
      gateway,
      ...(replicas ?? {}),
      ...(progress ? { progress } : {}),
    });
  });

  app.get(`${base}/metrics`, async (_request, reply) =>
    reply.type(deps.metrics.contentType).send(await deps.metrics.text()),
  );

  return app;
}

export class WebServerError extends Error {
  override name = 'WebServerError';
}

export interface RunningWebServer {
  /** Where it listens ("http://127.0.0.1:8080"). */
  address: string;
  /** Where people reach it: PUBLIC_URL, else http://localhost:<port>. */
  publicUrl: string;
  close(): Promise<void>;
}

/** What went wrong listening on `listen`, as one clear error for the operator. */
export function listenError(error: unknown, listen: { host: string; port: number }): WebServerError {
  const code = (error as NodeJS.ErrnoException).code;
  const where = `${listen.host}:${listen.port}`;
  if (code === 'EADDRINUSE')
    return new WebServerError(
      `WEB_PORT ${listen.port} is already in use on ${listen.host}: stop what uses it or choose another port`,
    );
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new WebServerError(
      `WEB_HOST ${listen.host} is not an address of this machine (cannot listen on ${where})`,
    );
  if (code === 'EACCES')
    return new WebServerError(`not allowed to listen on ${where} (ports below 1024 need privileges)`);
  return new WebServerError(
    `cannot listen on ${where}: ${error instanceof Error ? error.message : String(error)}`,
  );
}

/** "http://127.0.0.1:8080" for what `server` is bound to. */
export function boundAddress(server: Server, listen: { host: string; port: number }): string {
  const bound = server.address();
  const port = typeof bound === 'object' && bound ? bound.port : listen.port;
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return `http://${host}:${port}`;
}

/**
 * Starts listening; a port in use or an address that cannot be bound is one clear error. With
 * `deps.handover` the pages take over that server's requests once they are ready, without a gap.
 */
export async function startWebServer(
  deps: WebDeps,
  listen: { host: string; port: number },
): Promise<RunningWebServer> {
  const app = buildWebApp(deps);
  const handover = deps.handover;
  if (handover) {
    await app.ready();
    handover.handOver(deps.metrics.connectionRefused);
    const port = Number(new URL(handover.address).port);
    return {
      address: handover.address,
      publicUrl: deps.publicUrl ?? `http://localhost:${port}`,
      // Fastify closes only a server it listened on itself
      close: async () => {
        await app.close();
        await handover.close();
      },
    };
  }
  try {
    await app.listen({
      host: listen.host,
      port: listen.port,
      listenTextResolver: (a) => `web pages at ${a}`,
    });
  } catch (error) {
    await app.close().catch(() => {});
    throw listenError(error, listen);
  }
  const address = boundAddress(app.server, listen);
  const port = Number(new URL(address).port);
  return {
    address,
    publicUrl: deps.publicUrl ?? `http://localhost:${port}`,
    close: () => app.close(),
  };
}

/** The web server and its metrics, as the bot and the console run them. */
export interface WebRun {
  server: RunningWebServer;
  metrics: Metrics;
}

/**
 * Starts the web pages when WEB_PORT is set (null otherwise), with the metrics the commands report
 * to. Throws WebServerError when it cannot listen.
 */
export async function startConfiguredWeb(
  config: Config,
  live: LiveLibrary,
  logger: Logger,
  gatewayConnected?: () => boolean,
  extras: {
    interactions?: InteractionsEndpoint;
    replicas?: () => ReplicaStatus;
    askedAt?: Date | null;
    /** The search workers (SEARCH_WORKERS); absent or null: searches in this thread. */
    search?: RunningPool | null;
    /** The starting face listening on WEB_PORT during the start: its port is taken over. */
    starting?: PortHandover | null;
  } = {},
): Promise<WebRun | null> {
  if (config.webPort === null) return null;
  const search = extras.search ?? null;
  const metrics = new Metrics(
    live,
    { searchWorkers: config.searchWorkers, pool: search?.pool ?? null },
    extras.replicas,
  );
  const server = await startWebServer(
    {
      live,
      logger,
      metrics,
      publicUrl: config.publicUrl,
      trustProxy: config.trustProxy,
      askedAt: extras.askedAt ?? null,
      rateLimit: searchRateLimit(config.webRateLimit),
      ...(search ? { searcher: search.searcher, pages: search.pages } : {}),
      ...(gatewayConnected ? { gatewayConnected } : {}),
      ...(extras.interactions ? { interactions: extras.interactions } : {}),
      ...(extras.replicas ? { replicas: extras.replicas } : {}),
      ...(extras.starting ? { handover: extras.starting } : {}),
    },
    { host: config.webHost, port: config.webPort },
  );
  return { server, metrics };
}
