import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import type { ReplyPayload } from '../commands/types.js';
import type { LiveLibrary, ReloadReport } from '../library/live.js';
import type { Logger } from '../logger.js';
import {
  ALREADY_SHARED,
  type ButtonState,
  EXPIRED,
  NOT_A_BUTTON,
  newAnswerKey,
  notYours,
  PAGE_TTL_MS,
  type PageLookup,
  parsePageButton,
  parseShareButton,
  type ShareLookup,
  withButtons,
} from './pages.js';
import type { AnswerStore, Pages } from './store.js';

// Replicas that share one Redis: paged answers and Share claims live there (any replica answers a
// button), and a reload on one reaches every other by pub/sub plus a generation number.

/**
 * A Redis command that takes longer than this fails (the reply then says paging is unavailable).
 * Redis answers in well under a millisecond on a LAN; the page turn it belongs to must still be
 * acknowledged within Discord's 3 s, so half a second leaves room for everything else.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 500;
/** Reconnect attempts back off by this much per attempt, up to REDIS_RECONNECT_MAX_MS. */
export const REDIS_RECONNECT_STEP_MS = 100;
/** The longest wait between reconnect attempts: Redis back is noticed within two seconds. */
export const REDIS_RECONNECT_MAX_MS = 2000;
/** How long a start waits for Redis before it goes on without it (answers work; paging waits). */
export const REDIS_START_WAIT_MS = 3000;
/**
 * After its own reload, /reload waits this long for the other replicas to say they reloaded. They
 * read the same folder on similar machines and started when it did, so they finish about when it
 * does; ten seconds covers a slower disk or a busier replica without keeping the admin long.
 */
export const RELOAD_ACK_GRACE_MS = 10_000;

const PREFIX = 'newsbot:';
const ANSWER = `${PREFIX}answer:`;
const SHARED = `${PREFIX}shared:`;
const GENERATION = `${PREFIX}generation`;
const RELOAD_CHANNEL = `${PREFIX}reload`;
const RELOADED_CHANNEL = `${PREFIX}reloaded`;

export const PAGING_UNAVAILABLE =
  'Paging is unavailable right now (the shared store is down); this is the first page.';
const STORE_DOWN = 'Paging is unavailable right now (the shared store is down). Ask again in a moment.';

type Client = ReturnType<typeof createClient>;

/**
 * The connections to Redis: one for commands, one subscribed to reloads. Whether Redis answers is
 * logged once when it goes and once when it is back; the client reconnects by itself.
 */
export class RedisLink {
  readonly client: Client;
  readonly subscriber: Client;
  private up = false;
  private everUp = false;
  private readonly readyListeners: Array<() => void> = [];

  constructor(
    url: string,
    private readonly logger: Logger,
  ) {
    const options = {
      url,
      // a command while disconnected fails at once rather than waiting in a queue past Discord's deadline
      disableOfflineQueue: true,
      commandOptions: { timeout: REDIS_COMMAND_TIMEOUT_MS },
      socket: {
        connectTimeout: REDIS_START_WAIT_MS,
        reconnectStrategy: (retries: number) =>
          Math.min((retries + 1) * REDIS_RECONNECT_STEP_MS, REDIS_RECONNECT_MAX_MS),
      },
    };
    this.client = createClient(options);
    this.subscriber = createClient(options);
    for (const c of [this.client, this.subscriber]) {
      c.on('error', (error: Error) => this.down(error));
      c.on('end', () => this.down(null));
    }
    this.client.on('ready', () => {
      const back = this.everUp;
      this.up = true;
      this.everUp = true;
      if (back) this.logger.info('redis reconnected: paging and Share are shared again');
    });
    this.subscriber.on('ready', () => {
      for (const listener of this.readyListeners) listener();
    });
  }

  private down(error: Error | null): void {
    if (!this.up && this.everUp) return;
    if (!this.up && !this.everUp && error === null) return;
    const was = this.up;
    this.up = false;
    if (was || !this.everUp) {
      // once per outage: the client retries quietly until Redis is back
      this.logger.warn(
        { error: error ? error.message : 'connection closed' },
        'redis unavailable: answers continue, paging and Share wait for it; reconnecting',
      );
      this.everUp = true;
    }
  }

  get connected(): boolean {
    return this.up && this.client.isReady;
  }

  /** Called each time the subscriber (re)connects: a reload missed while away is caught up then. */
  onSubscriberReady(listener: () => void): void {
    this.readyListeners.push(listener);
  }

  /** Connects both; resolves when connected or after REDIS_START_WAIT_MS (then it keeps trying). */
  async connect(): Promise<void> {
    const both = Promise.all([this.client.connect(), this.subscriber.connect()]).then(() => true);
    const late = new Promise<false>((resolve) => setTimeout(resolve, REDIS_START_WAIT_MS, false).unref());
    both.catch(() => {});
    await Promise.race([both, late]);
  }

  async close(): Promise<void> {
    this.up = false;
    this.everUp = false;
    for (const c of [this.client, this.subscriber]) {
      try {
        if (c.isOpen) await c.quit();
      } catch {
        c.destroy();
      }
    }
  }
}

interface StoredAnswer {
  userId: string;
  /** Every page, built when the answer was given: a replica that did not run the search serves them. */
  pages: ReplyPayload[];
  shareable: boolean;
}

/** Paged answers and Share claims in Redis, kept PAGE_TTL_MS: any replica answers their buttons. */
export class RedisAnswerStore implements AnswerStore {
  readonly kind = 'redis' as const;

  constructor(private readonly link: RedisLink) {}

  available(): boolean {
    return this.link.connected;
  }

  async add(
    userId: string,
    pages: Pages | undefined,
    first: ReplyPayload,
    options: { shareable?: boolean } = {},
  ): Promise<ReplyPayload> {
    const shareable = options.shareable === true;
    if (!pages && !shareable) return first;
    const key = newAnswerKey();
    const stored: StoredAnswer = {
      userId,
      pages: pages ? Array.from({ length: pages.count }, (_, n) => pages.page(n)) : [first],
      shareable,
    };
    try {
      await this.link.client.set(`${ANSWER}${key}`, JSON.stringify(stored), { PX: PAGE_TTL_MS });
    } catch {
      // the answer still comes, without buttons no replica could answer
      if (!pages) return first;
      return {
        ...first,
        content: first.content ? `${first.content}\n${PAGING_UNAVAILABLE}` : PAGING_UNAVAILABLE,
      };
    }
    return withButtons(first, key, 0, state(stored, null));
  }

  async open(customId: string, userId: string): Promise<PageLookup> {
    const pressed = parsePageButton(customId);
    if (!pressed) return { ok: false, reason: 'not-a-page', message: NOT_A_BUTTON };
    let found: [string | null, string | null];
    try {
      found = (await this.link.client.mGet([`${ANSWER}${pressed.key}`, `${SHARED}${pressed.key}`])) as [
        string | null,
        string | null,
      ];
    } catch {
      return { ok: false, reason: 'unavailable', message: STORE_DOWN };
    }
    const entry = checked(found[0], userId, 'turn these pages');
    if (!entry.ok) return entry;
    const n = clamp(pressed.n, entry.stored.pages.length);
    return {
      ok: true,
      reply: withButtons(entry.stored.pages[n]!, pressed.key, n, state(entry.stored, found[1])),
    };
  }

  async share(customId: string, userId: string): Promise<ShareLookup> {
    const pressed = parseShareButton(customId);
    if (!pressed) return { ok: false, reason: 'not-a-page', message: NOT_A_BUTTON };
    try {
      const entry = checked(
        await this.link.client.get(`${ANSWER}${pressed.key}`),
        userId,
        'share this answer',
      );
      if (!entry.ok) return entry;
      if (!entry.stored.shareable)
        return { ok: false, reason: 'not-a-page', message: 'This answer cannot be shared.' };
      const n = clamp(pressed.n, entry.stored.pages.length);
      // the claim: the first press, on any replica, sets it; every later press finds it set
      const claimed = await this.link.client.set(`${SHARED}${pressed.key}`, String(n), {
        NX: true,
        PX: PAGE_TTL_MS,
      });
      if (claimed !== 'OK') return { ok: false, reason: 'already-shared', message: ALREADY_SHARED };
      const page = entry.stored.pages[n]!;
      return {
        ok: true,
        reply: page,
        buttons: withButtons(page, pressed.key, n, state(entry.stored, String(n))).components,
      };
    } catch {
      return { ok: false, reason: 'unavailable', message: STORE_DOWN };
    }
  }

  async close(): Promise<void> {}
}

function clamp(n: number, count: number): number {
  return Math.min(Math.max(n, 0), count - 1);
}

function state(stored: StoredAnswer, shared: string | null): ButtonState {
  return {
    count: stored.pages.length,
    shareable: stored.shareable,
    shared: new Set(shared === null ? [] : [Number(shared)]),
  };
}

function checked(
  raw: string | null,
  userId: string,
  action: string,
): { ok: true; stored: StoredAnswer } | (PageLookup & { ok: false }) {
  if (raw === null) return { ok: false, reason: 'expired', message: EXPIRED };
  const stored = JSON.parse(raw) as StoredAnswer;
  if (stored.userId !== userId) return { ok: false, reason: 'not-yours', message: notYours(action) };
  return { ok: true, stored };
}

interface ReloadMessage {
  generation: number;
  from: string;
}

/**
 * Reloads that reach every replica. /reload (or SIGHUP) on one replica increments the generation in
 * Redis and publishes it; every replica reloads on the message and answers on another channel.
 * Pub/sub drops messages while a replica is disconnected, so a replica compares the generation with
 * its own each time it (re)connects and reloads when it is behind. Without Redis, the generation
 * counts this process's reloads.
 */
export class ReloadFanout {
  readonly replicaId = randomBytes(6).toString('hex');
  private seen = 0;
  private pending = false;
  private readonly acks = new Map<number, Set<string>>();
  private readonly ackListeners = new Set<() => void>();

  constructor(
    private readonly live: LiveLibrary,
    private readonly link: RedisLink | null,
    private readonly logger: Logger,
  ) {
    live.onReload((report) => {
      if (!link && report.ok) this.seen += 1;
      if (this.pending) {
        this.pending = false;
        void this.reloadHere();
      }
    });
  }

  get generation(): number {
    return this.seen;
  }

  /** Subscribes, and learns the generation the articles just read correspond to. */
  async start(): Promise<void> {
    const link = this.link;
    if (!link) return;
    const onReload = (raw: string) => {
      const message = parse(raw);
      // any other generation than the one this replica has: a Redis restarted without its data counts from 1 again
      if (!message || message.from === this.replicaId || message.generation === this.seen) return;
      this.seen = message.generation;
      this.logger.info({ generation: message.generation }, 'reload asked by another replica');
      void this.reloadHere().then(() => this.ack(message.generation));
    };
    const onReloaded = (raw: string) => {
      const message = parse(raw);
      if (!message || message.from === this.replicaId) return;
      const set = this.acks.get(message.generation) ?? new Set<string>();
      set.add(message.from);
      this.acks.set(message.generation, set);
      for (const listener of this.ackListeners) listener();
    };
    let subscribed = false;
    link.onSubscriberReady(() => {
      void (async () => {
        try {
          if (!subscribed) {
            await link.subscriber.subscribe(RELOAD_CHANNEL, onReload);
            await link.subscriber.subscribe(RELOADED_CHANNEL, onReloaded);
            subscribed = true;
          }
          await this.catchUp();
        } catch (error) {
          this.logger.debug({ err: error }, 'could not check the reload generation');
        }
      })();
    });
    if (link.subscriber.isReady) {
      await link.subscriber.subscribe(RELOAD_CHANNEL, onReload);
      await link.subscriber.subscribe(RELOADED_CHANNEL, onReloaded);
      subscribed = true;
    }
    try {
      this.seen = Number((await link.client.get(GENERATION)) ?? 0);
    } catch {}
  }

  /** A reconnect: reloads when another replica reloaded while this one was away. */
  private async catchUp(): Promise<void> {
    if (!this.link) return;
    const generation = Number((await this.link.client.get(GENERATION)) ?? 0);
    if (generation < this.seen) {
      // Redis lost its data (a restart without persistence): it learns the count back, so the next
      // reload's generation is new to every replica
      await this.link.client.set(GENERATION, String(this.seen));
      return;
    }
    if (generation > this.seen) {
      this.logger.info({ generation, had: this.seen }, 'missed a reload while disconnected: reloading');
      this.seen = generation;
      await this.reloadHere();
    }
  }

  /** Reloads this replica; when one is running, once more after it. */
  private async reloadHere(): Promise<ReloadReport | null> {
    const running = this.live.reload();
    if (!running) {
      this.pending = true;
      return null;
    }
    const report = await running;
    this.logger.info({ ok: report.ok, before: report.before, after: report.after }, 'reloaded');
    return report;
  }

  private async ack(generation: number): Promise<void> {
    try {
      await this.link?.client.publish(RELOADED_CHANNEL, JSON.stringify({ generation, from: this.replicaId }));
    } catch {}
  }

  /**
   * /reload here: tells the other replicas first (they reload alongside), reloads, then waits up
   * to RELOAD_ACK_GRACE_MS for them to say they did. Null when a reload is already running here.
   */
  reload(): Promise<ReloadReport> | null {
    const running = this.live.reload();
    if (!running) return null;
    const link = this.link;
    if (!link) return running;
    return (async () => {
      const started = performance.now();
      let generation = 0;
      let listening = 0;
      try {
        generation = await link.client.incr(GENERATION);
        this.seen = Math.max(this.seen, generation);
        // PUBLISH answers how many subscribers got it: this replica's own subscriber is one of them
        listening = Math.max(
          (await link.client.publish(RELOAD_CHANNEL, JSON.stringify({ generation, from: this.replicaId }))) -
            1,
          0,
        );
      } catch (error) {
        this.logger.warn({ error: (error as Error).message }, 'could not tell the other replicas to reload');
      }
      const report = await running;
      if (generation === 0) return report;
      const reloaded = await this.waitForAcks(generation, listening, RELOAD_ACK_GRACE_MS);
      return {
        ...report,
        replicas: { reloaded, listening, waitedSeconds: (performance.now() - started) / 1000 },
      };
    })();
  }

  private waitForAcks(generation: number, expected: number, graceMs: number): Promise<number> {
    const count = () => this.acks.get(generation)?.size ?? 0;
    if (count() >= expected) return Promise.resolve(count());
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.ackListeners.delete(check);
        this.acks.delete(generation);
        resolve(n);
      };
      let n = count();
      const check = () => {
        n = count();
        if (n >= expected) done();
      };
      const timer = setTimeout(() => {
        n = count();
        done();
      }, graceMs);
      timer.unref();
      this.ackListeners.add(check);
    });
  }
}

function parse(raw: string): ReloadMessage | null {
  try {
    const message = JSON.parse(raw) as ReloadMessage;
    return typeof message.generation === 'number' && typeof message.from === 'string' ? message : null;
  } catch {
    return null;
  }
}
