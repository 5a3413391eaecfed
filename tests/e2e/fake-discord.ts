/**
 * A small fake of Discord's REST API and gateway on 127.0.0.1, so tests can drive the real, unmodified
 * discord.js `Client` end to end. Start it with `FakeDiscord.start()`, point the client at it with
 * `fakeClientOptions(fake)` (or the same options by hand), log in with `fake.token`, then inject
 * interactions (`sendCommand`, `sendAutocomplete`, `sendButton`) and await the bot's answers
 * (`waitForResponse`). Everything the bot sends over REST is recorded in `requests`.
 *
 * Fidelity notes (verified against discord.js 14.28 / @discordjs/rest 2.6 / @discordjs/ws 1.2):
 * - REST is served under `/api/v<N>`; discord.js uses `/api/v10`. Every answer that has a body is JSON
 *   with `Content-Type: application/json`; 204 answers have no body and no content type, as Discord does
 *   (an empty body labelled JSON would make @discordjs/rest's `res.json()` throw).
 * - Interaction callbacks answer 204, or 200 with an interaction callback response object
 *   (`{ interaction, resource }`) when the query carries `with_response=true`. discord.js always sends the
 *   query (`?with_response=false` unless `withResponse: true`), except for autocomplete `respond()`.
 * - A second callback for the same interaction answers 400 {code: 40060}, like Discord; webhook routes
 *   for an interaction that has not been acknowledged answer 404 {code: 10015}.
 * - The first follow-up after a deferred reply replaces the "thinking…" message and keeps the visibility
 *   chosen when deferring, as Discord does; later follow-ups are messages of their own.
 * - The gateway speaks JSON, uncompressed (discord.js only asks for zlib-stream when `zlib-sync` is installed).
 * - Events injected while no client is connected are not queued: `send*` throws instead, and RESUME
 *   replays nothing.
 */
import { generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type APIApplicationCommand,
  type APIApplicationCommandAutocompleteGuildInteraction,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIGuildMember,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageComponentGuildInteraction,
  type APIRole,
  type APIUser,
  ApplicationCommandType,
  type ApplicationFlags,
  ChannelType,
  ComponentType,
  type GatewayGuildCreateDispatchData,
  GatewayOpcodes,
  type GatewayReadyDispatchData,
  type GuildMemberFlags,
  InteractionContextType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  PermissionFlagsBits,
  type RoleFlags,
} from 'discord-api-types/v10';
import { type WebSocket, WebSocketServer } from 'ws';

// ---------------------------------------------------------------------------------------------------------
// Public types

export interface FakeDiscordOptions {
  /** Guild id (default: a fresh snowflake). */
  guildId?: string;
  /** Application id (default: a fresh snowflake). */
  applicationId?: string;
  /** The bot user's id (default: the application id, as for real bots). */
  botUserId?: string;
  /** Bot token the client must log in with (default: a realistic fresh token). */
  token?: string;
  /** Extra guild roles, sent in GUILD_CREATE so `member.roles.cache` can resolve them. */
  roles?: Array<{ id?: string; name: string; permissions?: string }>;
  /** Gateway heartbeat interval sent in HELLO (default 41250 ms, like Discord). */
  heartbeatIntervalMs?: number;
  /** Shards GET /gateway/bot recommends (default 1); each shard's session gets the guilds that map to it. */
  shards?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path without `/api/v10` and the query string, URL-decoded (`%40original` -> `@original`). */
  path: string;
  /** The query string parameters, e.g. `{ with_response: 'false' }`. */
  query: Record<string, string>;
  /** Parsed JSON body (for multipart: the `payload_json` part), or null. */
  body: unknown;
  /** Names of files attached in a multipart body. */
  files: string[];
  headers: Record<string, string | string[] | undefined>;
  /** The status the fake answered with. */
  status: number;
}

/** One option of a command or autocomplete interaction, as Discord sends it. */
export interface FakeCommandOption {
  name: string;
  type: number;
  value?: unknown;
  focused?: boolean;
  options?: FakeCommandOption[];
}

/** Who triggers an injected interaction. */
export interface FakeInteractionOptions {
  /** Fields of the invoking user (default: a fixed, plain test user). */
  user?: Partial<APIUser>;
  /** Role ids (or names of roles given in `FakeDiscordOptions.roles`) of the invoking member. */
  roles?: string[];
  /** The member's permissions as a decimal string (default: `DEFAULT_MEMBER_PERMISSIONS`, no Administrator). */
  permissions?: string;
  /** The interaction locale (default `en-US`). */
  locale?: string;
  /** When the interaction was created, as its snowflake id says (default: now). */
  createdAt?: Date;
  /** Where it happens: 0 a server (default), 1 the bot's DMs, 2 a group DM. */
  context?: 0 | 1 | 2;
  /**
   * The server it happens in (context 0); default the fake's guild, where the bot is a member. Any
   * other id is a server the bot is not in: Discord sends no GUILD_CREATE for it.
   */
  guildId?: string;
  /** The installs that authorised it (default `{"0": guild id}` in a server, `{"1": user id}` elsewhere). */
  authorizingIntegrationOwners?: Record<string, string>;
  /** The app's permissions in the channel (`app_permissions`, default `BOT_PERMISSIONS`). */
  appPermissions?: string;
  /**
   * HTTP interactions: POST the interaction, signed with the fake's key, to this Interactions
   * Endpoint URL instead of the gateway (default: the one given to `deliverInteractionsTo`, if any).
   */
  endpoint?: string;
}

/** The message a message command is used on. */
export interface FakeTargetMessage {
  /** Default: a fresh snowflake (now); pass an older one to set the message's time. */
  id?: string;
  content: string;
  author?: Partial<APIUser>;
}

export interface FakeButtonOptions extends FakeInteractionOptions {
  /** Component type (default 2, a button); e.g. 3 for a string select, with `values`. */
  componentType?: number;
  /** Selected values, for select menus. */
  values?: string[];
}

/** What the bot sent for one interaction, collected as it arrives (the object is live). */
export interface InteractionRecord {
  id: string;
  token: string;
  /** Interaction type: 2 command, 3 component, 4 autocomplete. */
  type: number;
  /** Command name (types 2 and 4) or custom_id (type 3). */
  name: string;
  /** The accepted callback body `{ type, data }`, or null while none was accepted. */
  callback: { type: number; data?: unknown } | null;
  /** The query of the accepted callback, e.g. `{ with_response: 'false' }`. */
  callbackQuery: Record<string, string> | null;
  /** Every callback attempt in order, including refused ones (429, 404, 400); `at` is when it arrived (Date.now()). */
  attempts: Array<{ status: number; body: unknown; query: Record<string, string>; at: number }>;
  /** PATCHes of `@original` or of a follow-up: the message id that was edited and the request body. */
  edits: Array<{ messageId: string; original: boolean; body: unknown }>;
  /** Bodies of follow-up messages (POST /webhooks/:app/:token). */
  followUps: unknown[];
  /** Ids of messages deleted through the interaction webhook. */
  deleted: string[];
  /** Current state of the original response message (after edits), or null. */
  original: APIMessage | null;
  /** Every message created for this interaction (original response first if any, then follow-ups), latest versions. */
  messages: APIMessage[];
}

/** Permissions of a plain member: view, send, read history, embed, attach, react, use commands. */
export const DEFAULT_MEMBER_PERMISSIONS = String(
  PermissionFlagsBits.ViewChannel |
    PermissionFlagsBits.SendMessages |
    PermissionFlagsBits.ReadMessageHistory |
    PermissionFlagsBits.EmbedLinks |
    PermissionFlagsBits.AttachFiles |
    PermissionFlagsBits.AddReactions |
    PermissionFlagsBits.UseApplicationCommands |
    PermissionFlagsBits.SendMessagesInThreads,
);

/** Permissions of the bot in the guild and channel (`app_permissions`). */
export const BOT_PERMISSIONS = String(
  BigInt(DEFAULT_MEMBER_PERMISSIONS) |
    PermissionFlagsBits.ManageMessages |
    PermissionFlagsBits.UseExternalEmojis |
    PermissionFlagsBits.CreatePublicThreads,
);

/**
 * Client options that point a discord.js Client at the fake: REST base url, few retries, immediate
 * identify, short guild wait. Spread them into `new Client({ intents, ...fakeClientOptions(fake) })`.
 */
export function fakeClientOptions(fake: { apiUrl: string }) {
  return {
    rest: { api: fake.apiUrl, retries: 1, timeout: 5000 },
    ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) },
    waitGuildTimeout: 1000,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

const DISCORD_EPOCH = 1420070400000n;
let snowflakeIncrement = 0n;
let lastSnowflake = 0n;

/**
 * A fresh, strictly increasing snowflake for the current time (19 digits today); for a given time
 * `at`, a snowflake of that time (unique by its increment, not ordered with the others).
 */
export function snowflake(at?: Date): string {
  let id =
    ((BigInt(at ? at.getTime() : Date.now()) - DISCORD_EPOCH) << 22n) |
    (1n << 17n) |
    (1n << 12n) |
    (snowflakeIncrement++ & 0xfffn);
  if (at) return id.toString();
  if (id <= lastSnowflake) id = lastSnowflake + 1n;
  lastSnowflake = id;
  return id.toString();
}

function base64url(bytes: Buffer): string {
  return bytes.toString('base64url');
}

/** A bot token shaped like Discord's: base64(user id).timestamp.hmac, all base64url. */
function makeBotToken(userId: string): string {
  return `${base64url(Buffer.from(userId))}.${base64url(randomBytes(4))}.${base64url(randomBytes(27))}`;
}

function makeInteractionToken(id: string): string {
  return base64url(Buffer.concat([Buffer.from(`interaction:${id}:`), randomBytes(48)]));
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a callback can be made to fail: 10062 Unknown interaction (404), 40060 already acknowledged (400), 50035 Invalid Form Body (400), or 500. */
export type CallbackFailure = 10062 | 40060 | 50035 | 500;

class HttpError {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {}
}

function discordError(status: number, code: number, message: string, errors?: unknown): HttpError {
  return new HttpError(status, errors === undefined ? { message, code } : { message, code, errors });
}

const NAME_RE = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Light validation of a command body, answering 50035 Invalid Form Body like Discord for common mistakes. */
function validateCommand(cmd: unknown, where: string): void {
  const fail = (field: string, message: string): never => {
    throw discordError(400, 50035, 'Invalid Form Body', { [`${where}${field}`]: { _errors: [{ message }] } });
  };
  if (!isRecord(cmd)) fail('', 'Must be an object.');
  const c = cmd as Record<string, unknown>;
  const type = (c.type as number | undefined) ?? 1;
  if (typeof c.name !== 'string' || c.name.length === 0 || c.name.length > 32) {
    fail('.name', 'Must be between 1 and 32 in length.');
  }
  const name = String(c.name);
  if (type === 1) {
    if (!NAME_RE.test(name) || name !== name.toLowerCase()) fail('.name', 'Command name is invalid');
    if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 100) {
      fail('.description', 'Must be between 1 and 100 in length.');
    }
  }
  const options = c.options;
  if (options === undefined || options === null) return;
  if (!Array.isArray(options) || options.length > 25) fail('.options', 'Must be 25 or fewer in length.');
  (options as unknown[]).forEach((opt, i) => {
    validateCommand({ ...(isRecord(opt) ? opt : {}), type: 1 }, `${where}.options.${i}`);
    if (isRecord(opt) && Array.isArray(opt.choices) && opt.choices.length > 25) {
      fail(`.options.${i}.choices`, 'Must be 25 or fewer in length.');
    }
    if (isRecord(opt) && opt.autocomplete === true && Array.isArray(opt.choices) && opt.choices.length > 0) {
      fail(`.options.${i}.autocomplete`, 'Autocomplete cannot be set with choices.');
    }
  });
}

/** Give every component a numeric `id` (as Discord does) when the bot left it out. */
function numberComponents(components: unknown): unknown[] {
  if (!Array.isArray(components)) return [];
  let next = 1;
  const walk = (c: unknown): unknown => {
    if (!isRecord(c)) return c;
    const out: Record<string, unknown> = { ...c };
    out.id = typeof c.id === 'number' ? c.id : next;
    next = Math.max(next, out.id as number) + 1;
    if (Array.isArray(c.components)) out.components = c.components.map(walk);
    if (isRecord(c.accessory)) out.accessory = walk(c.accessory);
    return out;
  };
  return components.map(walk);
}

interface ParsedBody {
  body: unknown;
  files: string[];
}

function parseBody(raw: Buffer, contentType: string | undefined): ParsedBody {
  if (raw.length === 0) return { body: null, files: [] };
  const ct = contentType ?? '';
  if (ct.startsWith('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(ct);
    const marker = boundary?.[1] ?? boundary?.[2];
    if (!marker) return { body: null, files: [] };
    let body: unknown = null;
    const files: string[] = [];
    for (const part of raw.toString('latin1').split(`--${marker}`)) {
      const headerEnd = part.indexOf('\r\n\r\n');
      if (headerEnd < 0) continue;
      const head = part.slice(0, headerEnd);
      const name = /name="([^"]*)"/.exec(head)?.[1];
      const filename = /filename="([^"]*)"/.exec(head)?.[1];
      const content = part.slice(headerEnd + 4).replace(/\r\n$/, '');
      if (filename !== undefined) files.push(filename);
      else if (name === 'payload_json') body = JSON.parse(Buffer.from(content, 'latin1').toString('utf8'));
    }
    return { body, files };
  }
  const text = raw.toString('utf8');
  try {
    return { body: JSON.parse(text), files: [] };
  } catch {
    return { body: text, files: [] };
  }
}

// ---------------------------------------------------------------------------------------------------------
// The fake

interface Session {
  id: string;
  seq: number;
}

interface Connection {
  socket: WebSocket;
  session: Session | null;
}

interface InteractionState {
  record: InteractionRecord;
  /** Where the interaction happened: messages created for it are posted there. */
  channelId: string;
  guildId: string | null;
  owners: Record<string, string>;
  /** For component interactions: the message the component is on. */
  sourceMessageId: string | null;
  acknowledged: boolean;
  failNext: CallbackFailure[];
  invoker: APIUser;
  /** HTTP mode: the POST of the interaction until its response is taken as the callback. */
  delivering: Promise<void> | null;
}

interface Waiter {
  interactionId: string;
  until: (r: InteractionRecord) => boolean;
  resolve: (r: InteractionRecord) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

type Handler = (
  req: IncomingMessage,
  params: string[],
  body: unknown,
  query: Record<string, string>,
  files: string[],
) => { status: number; body?: unknown };

export class FakeDiscord {
  readonly port: number;
  /** What the client gets as `rest.api`; discord.js appends `/v10`. */
  readonly apiUrl: string;
  readonly token: string;
  readonly applicationId: string;
  readonly guildId: string;
  readonly botUserId: string;
  /** The guild's only text channel, where interactions happen. */
  readonly channelId: string;
  /** Id of the guild owner (never the default invoking user, so permission checks are not bypassed). */
  readonly ownerId: string;
  /** Every REST request received, in order. */
  readonly requests: RecordedRequest[] = [];
  /** Every gateway payload received from clients, in order (tokens included; this is a test double). */
  readonly gatewayReceived: Array<{ op: number; d?: unknown }> = [];
  /** Messages the bot created (interaction responses, follow-ups, channel messages), by id. */
  readonly messages = new Map<string, APIMessage>();

  /** The application's Ed25519 public key (hex), for DISCORD_PUBLIC_KEY: HTTP interactions are signed with it. */
  readonly publicKey: string;
  private readonly signingKey: KeyObject;
  private readonly shardCount: number;
  private interactionsUrl: string | null = null;
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly heartbeatIntervalMs: number;
  private readonly roles: APIRole[];
  private readonly botUser: APIUser;
  private readonly defaultUser: APIUser;
  private readonly commandStore = new Map<string, APIApplicationCommand[]>();
  private readonly interactions = new Map<string, InteractionState>();
  private readonly interactionsByToken = new Map<string, InteractionState>();
  private readonly sessions = new Map<string, Session>();
  private readonly connections = new Set<Connection>();
  private current: Connection | null = null;
  private readyWaiters: Array<{ resolve: () => void; reject: (e: Error) => void; timer: NodeJS.Timeout }> =
    [];
  private responseWaiters: Waiter[] = [];
  private rateLimits: Array<{ retryAfter: number }> = [];
  private identifies = 0;
  private resumes = 0;
  private closed = false;
  private readonly routes: Array<{ method: string; re: RegExp; handler: Handler }> = [];

  private constructor(server: Server, port: number, options: FakeDiscordOptions) {
    this.server = server;
    this.port = port;
    this.apiUrl = `http://127.0.0.1:${port}/api`;
    this.applicationId = options.applicationId ?? snowflake();
    this.botUserId = options.botUserId ?? this.applicationId;
    this.guildId = options.guildId ?? snowflake();
    this.channelId = snowflake();
    this.ownerId = snowflake();
    this.token = options.token ?? makeBotToken(this.botUserId);
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41250;
    this.shardCount = options.shards ?? 1;
    const keys = generateKeyPairSync('ed25519');
    this.signingKey = keys.privateKey;
    // the raw 32-byte key, as the developer portal shows it (hex)
    this.publicKey = Buffer.from(keys.publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
    this.botUser = this.makeUser({ id: this.botUserId, username: 'newsbot', bot: true });
    this.defaultUser = this.makeUser({ id: snowflake(), username: 'reader', global_name: 'Reader' });
    this.roles = [
      this.makeRole(this.guildId, '@everyone', DEFAULT_MEMBER_PERMISSIONS, 0),
      {
        ...this.makeRole(snowflake(), 'newsbot', BOT_PERMISSIONS, 1),
        managed: true,
        tags: { bot_id: this.botUserId },
      },
      ...(options.roles ?? []).map((r, i) =>
        this.makeRole(r.id ?? snowflake(), r.name, r.permissions ?? DEFAULT_MEMBER_PERMISSIONS, i + 2),
      ),
    ];
    this.wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== '/gateway' || this.closed) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onGatewayConnection(ws));
    });
    server.on('request', (req, res) => this.onRequest(req, res));
    this.defineRoutes();
  }

  /** Start a fake Discord listening on 127.0.0.1 on a free port. */
  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return new FakeDiscord(server, (server.address() as AddressInfo).port, options);
  }

  /** The [shard id, shard count] of each IDENTIFY, in order. */
  readonly shardsIdentified: Array<[number, number]> = [];

  /** How many IDENTIFY (op 2) payloads the gateway received. */
  get identifyCount(): number {
    return this.identifies;
  }

  /** How many RESUME (op 6) payloads the gateway received. */
  get resumeCount(): number {
    return this.resumes;
  }

  /** Id of a role by name ('@everyone', 'newsbot' or one given in the options). */
  roleId(name: string): string {
    const role = this.roles.find((r) => r.name === name);
    if (!role) throw new Error(`FakeDiscord: no role named ${JSON.stringify(name)}`);
    return role.id;
  }

  /** Registered commands per scope: 'global' (default) or a guild id, as stored by PUT/POST/PATCH/DELETE. */
  commands(scope = 'global'): APIApplicationCommand[] {
    return [...(this.commandStore.get(scope) ?? [])];
  }

  // ---- injecting interactions ---------------------------------------------------------------------------

  /** Send INTERACTION_CREATE for a chat-input command (type 2). Throws when no client is connected. */
  sendCommand(
    name: string,
    options: FakeCommandOption[] = [],
    opts: FakeInteractionOptions = {},
  ): { id: string; token: string } {
    return this.sendCommandLike(InteractionType.ApplicationCommand, name, options, opts);
  }

  /** Send INTERACTION_CREATE for an autocomplete (type 4); flag the focused option with `focused: true`. */
  sendAutocomplete(
    name: string,
    options: FakeCommandOption[],
    opts: FakeInteractionOptions = {},
  ): { id: string; token: string } {
    return this.sendCommandLike(InteractionType.ApplicationCommandAutocomplete, name, options, opts);
  }

  /**
   * Press a button (type 3, component_type 2) on a message the bot posted: pass the message object (e.g.
   * `record.original`) or its id. The latest stored version of the message is sent.
   */
  sendButton(
    customId: string,
    message: unknown,
    opts: FakeButtonOptions = {},
  ): { id: string; token: string } {
    const messageId = typeof message === 'string' ? message : isRecord(message) ? message.id : undefined;
    if (typeof messageId !== 'string') throw new Error('FakeDiscord.sendButton: pass a message object or id');
    const stored =
      this.messages.get(messageId) ?? (isRecord(message) ? (message as unknown as APIMessage) : null);
    if (!stored) throw new Error(`FakeDiscord.sendButton: unknown message ${messageId}`);
    const where = this.baseInteraction(opts);
    const { id, token, base } = where;
    const componentType = opts.componentType ?? ComponentType.Button;
    const data: Record<string, unknown> = { custom_id: customId, component_type: componentType };
    if (componentType !== ComponentType.Button) {
      data.values = opts.values ?? [];
      data.resolved = {};
    }
    const payload = {
      ...base,
      type: InteractionType.MessageComponent,
      data,
      message: stored,
    } as unknown as APIMessageComponentGuildInteraction;
    this.register(where, InteractionType.MessageComponent, customId, messageId);
    this.dispatchInteraction(id, payload, opts);
    return { id, token };
  }

  /**
   * Use a message command (type 2, data.type 3) on a message: its content arrives in
   * `data.resolved.messages`, as Discord sends it, whatever the app's intents. Returns the message id too.
   */
  sendMessageCommand(
    name: string,
    target: FakeTargetMessage,
    opts: FakeInteractionOptions = {},
  ): { id: string; token: string; messageId: string } {
    const where = this.baseInteraction(opts);
    const { id, token, base } = where;
    const messageId = target.id ?? snowflake();
    const author = this.makeUser({ id: snowflake(), username: 'someone', ...target.author });
    const message = {
      id: messageId,
      type: MessageType.Default,
      channel_id: where.channelId,
      author,
      content: target.content,
      embeds: [],
      attachments: [],
      components: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date(Number((BigInt(messageId) >> 22n) + DISCORD_EPOCH)).toISOString(),
      edited_timestamp: null,
      flags: 0,
    };
    const cmd = this.findRegistered(name, ApplicationCommandType.Message);
    const data = {
      id: cmd?.command.id ?? snowflake(),
      name,
      type: ApplicationCommandType.Message,
      target_id: messageId,
      resolved: { messages: { [messageId]: message } },
      ...(cmd?.guild ? { guild_id: this.guildId } : {}),
    };
    this.register(where, InteractionType.ApplicationCommand, name, null);
    this.dispatchInteraction(id, { ...base, type: InteractionType.ApplicationCommand, data }, opts);
    return { id, token, messageId };
  }

  /**
   * Put commands in a scope as if registered earlier (no request is recorded): e.g. an older version
   * of the bot's commands, to see what the next start re-registers. Discord's defaults are filled in.
   */
  setCommands(scope: string, bodies: Record<string, unknown>[]): void {
    this.commandStore.set(
      scope,
      bodies.map((b) => this.storeCommand(scope, b)),
    );
  }

  private findRegistered(
    name: string,
    type: number,
  ): { command: APIApplicationCommand; guild: boolean } | null {
    const match = (c: APIApplicationCommand) => c.name === name && (c.type ?? 1) === type;
    const guild = this.commandStore.get(this.guildId)?.find(match);
    if (guild) return { command: guild, guild: true };
    const global = this.commandStore.get('global')?.find(match);
    return global ? { command: global, guild: false } : null;
  }

  /**
   * Resolve with what the bot sent for an interaction. By default this waits for the callback and, when the
   * callback only deferred (type 5 or 6), for the first edit or follow-up as well; pass `until` to wait for
   * something else. Rejects after `timeoutMs` (default 3000) listing what was received.
   */
  waitForResponse(
    interactionId: string,
    opts: { timeoutMs?: number; until?: (r: InteractionRecord) => boolean } = {},
  ): Promise<InteractionRecord> {
    const state = this.interactions.get(interactionId);
    if (!state)
      return Promise.reject(new Error(`FakeDiscord.waitForResponse: unknown interaction ${interactionId}`));
    const until = opts.until ?? defaultUntil;
    if (until(state.record)) return Promise.resolve(state.record);
    const timeoutMs = opts.timeoutMs ?? 3000;
    return new Promise<InteractionRecord>((resolve, reject) => {
      const waiter: Waiter = {
        interactionId,
        until,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.responseWaiters = this.responseWaiters.filter((w) => w !== waiter);
          reject(new Error(this.describeTimeout(state.record, timeoutMs)));
        }, timeoutMs),
      };
      this.responseWaiters.push(waiter);
    });
  }

  /** The record for an interaction sent earlier (live), or undefined. */
  interaction(interactionId: string): InteractionRecord | undefined {
    return this.interactions.get(interactionId)?.record;
  }

  /** Make the next `n` interaction callbacks answer 429 (Retry-After `retryAfterSeconds`, e.g. 0.05). */
  rateLimitNextCallbacks(n: number, retryAfterSeconds: number): void {
    for (let i = 0; i < n; i++) this.rateLimits.push({ retryAfter: retryAfterSeconds });
  }

  /**
   * Make the next `times` callbacks for an interaction fail: 10062 Unknown interaction (404), 40060 already
   * acknowledged (400), 50035 Invalid Form Body (400) or 500 (which discord.js retries, so pass `times` 4 to
   * make a request fail for good).
   */
  failCallback(interactionId: string, code: CallbackFailure, times = 1): void {
    const state = this.interactions.get(interactionId);
    if (!state) throw new Error(`FakeDiscord.failCallback: unknown interaction ${interactionId}`);
    for (let i = 0; i < times; i++) state.failNext.push(code);
  }

  // ---- HTTP interactions -------------------------------------------------------------------------------

  /**
   * From now on, interactions are POSTed to this Interactions Endpoint URL (signed, as Discord does)
   * instead of being sent over the gateway; null goes back to the gateway.
   */
  deliverInteractionsTo(url: string | null): void {
    this.interactionsUrl = url;
  }

  /** Signs a body as Discord does: Ed25519 over the timestamp followed by the raw body. */
  signature(body: string, timestamp: string): string {
    return sign(null, Buffer.from(timestamp + body), this.signingKey).toString('hex');
  }

  private dispatchInteraction(id: string, payload: unknown, opts: FakeInteractionOptions): void {
    const url = opts.endpoint ?? this.interactionsUrl;
    if (!url) {
      this.dispatch('INTERACTION_CREATE', payload);
      return;
    }
    const state = this.interactions.get(id)!;
    state.delivering = this.deliver(url, state, payload).finally(() => {
      state.delivering = null;
    });
  }

  /** POSTs one interaction; the response body is the interaction's callback, as Discord takes it. */
  private async deliver(url: string, state: InteractionState, payload: unknown): Promise<void> {
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const at = Date.now();
    let status = 0;
    let answer: unknown = null;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-signature-ed25519': this.signature(body, timestamp),
          'x-signature-timestamp': timestamp,
        },
        body,
      });
      status = response.status;
      const text = await response.text();
      try {
        answer = JSON.parse(text);
      } catch {
        answer = text;
      }
    } catch (error) {
      answer = String(error);
    }
    if (status !== 200) {
      state.record.attempts.push({ status, body: answer, query: {}, at });
      this.changed(state);
      return;
    }
    try {
      this.callback(state, answer, {});
      state.record.attempts.push({ status: 204, body: answer, query: {}, at });
    } catch (error) {
      if (error instanceof HttpError)
        state.record.attempts.push({ status: error.status, body: answer, query: {}, at });
    } finally {
      this.changed(state);
    }
  }

  // ---- gateway control ----------------------------------------------------------------------------------

  /** Close the current gateway socket with `closeCode` (default 4000: the client resumes; 1000: it re-identifies). */
  dropConnection(closeCode = 4000): void {
    const conn = this.current;
    if (!conn) throw new Error('FakeDiscord.dropConnection: no client is connected');
    this.current = null;
    conn.socket.close(closeCode, 'FakeDiscord.dropConnection');
  }

  /** Resolve once a client is connected and has received READY (after IDENTIFY) or RESUMED (after RESUME). */
  waitForReady(timeoutMs = 5000): Promise<void> {
    if (this.current) return Promise.resolve();
    if (this.closed) return Promise.reject(new Error('FakeDiscord closed'));
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.readyWaiters = this.readyWaiters.filter((w) => w !== waiter);
          reject(new Error(`FakeDiscord.waitForReady: no client became ready within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.readyWaiters.push(waiter);
    });
  }

  /** Close all sockets and the server; pending waits reject. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.current = null;
    for (const w of this.responseWaiters) {
      clearTimeout(w.timer);
      w.reject(new Error('FakeDiscord closed'));
    }
    this.responseWaiters = [];
    for (const w of this.readyWaiters) {
      clearTimeout(w.timer);
      w.reject(new Error('FakeDiscord closed'));
    }
    this.readyWaiters = [];
    for (const conn of this.connections) conn.socket.terminate();
    this.connections.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- gateway ------------------------------------------------------------------------------------------

  private onGatewayConnection(socket: WebSocket): void {
    const conn: Connection = { socket, session: null };
    this.connections.add(conn);
    socket.on('close', () => {
      this.connections.delete(conn);
      if (this.current === conn) this.current = null;
    });
    socket.on('error', () => {});
    socket.on('message', (raw) => {
      let payload: { op: number; d?: unknown };
      try {
        payload = JSON.parse(raw.toString());
      } catch {
        socket.close(4002, 'Error while decoding payload.');
        return;
      }
      this.gatewayReceived.push(payload);
      this.onGatewayPayload(conn, payload);
    });
    this.send(conn, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.heartbeatIntervalMs } });
  }

  private onGatewayPayload(conn: Connection, payload: { op: number; d?: unknown }): void {
    const d = isRecord(payload.d) ? payload.d : {};
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.send(conn, { op: GatewayOpcodes.HeartbeatAck });
        return;
      case GatewayOpcodes.Identify: {
        this.identifies++;
        if (conn.session) return void conn.socket.close(4005, 'Already authenticated.');
        if (d.token !== this.token) return void conn.socket.close(4004, 'Authentication failed.');
        const session: Session = { id: randomBytes(16).toString('hex'), seq: 0 };
        this.sessions.set(session.id, session);
        conn.session = session;
        // like Discord: a guild belongs to shard (guild_id >> 22) % shard count
        const shard = (Array.isArray(d.shard) && d.shard.length === 2 ? d.shard : [0, 1]) as [number, number];
        const mine = Number((BigInt(this.guildId) >> 22n) % BigInt(shard[1])) === shard[0];
        this.shardsIdentified.push(shard);
        this.sendDispatch(conn, 'READY', this.readyData(session, shard, mine ? [this.guildId] : []));
        if (mine) this.sendDispatch(conn, 'GUILD_CREATE', this.guildCreateData());
        if (mine || !this.current) this.becameReady(conn);
        return;
      }
      case GatewayOpcodes.Resume: {
        this.resumes++;
        const session = typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
        if (d.token !== this.token) return void conn.socket.close(4004, 'Authentication failed.');
        if (!session) {
          this.send(conn, { op: GatewayOpcodes.InvalidSession, d: false });
          return;
        }
        conn.session = session;
        this.sendDispatch(conn, 'RESUMED', {});
        this.becameReady(conn);
        return;
      }
      default:
        // presence updates, member requests, voice state: accepted and ignored
        return;
    }
  }

  private becameReady(conn: Connection): void {
    this.current = conn;
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const w of waiters) {
      clearTimeout(w.timer);
      w.resolve();
    }
  }

  private send(conn: Connection, payload: Record<string, unknown>): void {
    if (conn.socket.readyState === conn.socket.OPEN) conn.socket.send(JSON.stringify(payload));
  }

  private sendDispatch(conn: Connection, t: string, d: unknown): void {
    if (!conn.session) throw new Error('FakeDiscord: dispatch before a session exists');
    conn.session.seq++;
    this.send(conn, { op: GatewayOpcodes.Dispatch, t, s: conn.session.seq, d });
  }

  private dispatch(t: string, d: unknown): void {
    const conn = this.current;
    if (!conn) {
      throw new Error(
        `FakeDiscord: cannot send ${t}: no client is connected and ready (await waitForReady())`,
      );
    }
    this.sendDispatch(conn, t, d);
  }

  private readyData(session: Session, shard: [number, number], guilds: string[]): GatewayReadyDispatchData {
    return {
      v: 10,
      user: { ...this.botUser, verified: true, mfa_enabled: false, email: null },
      guilds: guilds.map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
      shard,
      application: { id: this.applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
    };
  }

  private guildCreateData(): GatewayGuildCreateDispatchData {
    const joinedAt = new Date(Date.now() - 86_400_000).toISOString();
    const botMember: APIGuildMember = {
      user: this.botUser,
      nick: null,
      avatar: null,
      banner: null,
      roles: [this.roles[1]!.id],
      joined_at: joinedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      pending: false,
      communication_disabled_until: null,
    };
    return {
      id: this.guildId,
      name: 'Newsroom',
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: this.ownerId,
      region: 'us-west',
      afk_channel_id: null,
      afk_timeout: 300,
      widget_enabled: false,
      widget_channel_id: null,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: this.roles,
      emojis: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      max_presences: null,
      max_members: 500000,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: 'en-US' as GatewayGuildCreateDispatchData['preferred_locale'],
      public_updates_channel_id: null,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      approximate_member_count: 2,
      approximate_presence_count: 1,
      nsfw_level: 0,
      stickers: [],
      premium_progress_bar_enabled: false,
      hub_type: null,
      safety_alerts_channel_id: null,
      incidents_data: null,
      joined_at: joinedAt,
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      members: [botMember],
      channels: [
        {
          id: this.channelId,
          type: ChannelType.GuildText,
          name: 'general',
          guild_id: this.guildId,
          position: 0,
          permission_overwrites: [],
          parent_id: null,
          nsfw: false,
          topic: null,
          last_message_id: null,
          rate_limit_per_user: 0,
          flags: 0,
        },
      ],
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    } as unknown as GatewayGuildCreateDispatchData;
  }

  // ---- interactions -------------------------------------------------------------------------------------

  private makeUser(fields: Partial<APIUser> & { id: string; username: string }): APIUser {
    return {
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: false,
      public_flags: 0,
      flags: 0,
      avatar_decoration_data: null,
      collectibles: null,
      primary_guild: null,
      ...fields,
    } as APIUser;
  }

  private makeRole(id: string, name: string, permissions: string, position: number): APIRole {
    return {
      id,
      name,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position,
      permissions,
      managed: false,
      mentionable: false,
      flags: 0 as RoleFlags,
    };
  }

  /** One text channel per server the bot is not in, so a button press happens where its message is. */
  private readonly foreignChannels = new Map<string, string>();

  private baseInteraction(opts: FakeInteractionOptions) {
    const id = snowflake(opts.createdAt);
    const token = makeInteractionToken(id);
    const user = this.makeUser({ ...this.defaultUser, ...opts.user });
    const roles = (opts.roles ?? []).map((r) => this.roles.find((role) => role.name === r)?.id ?? r);
    const member: APIInteractionGuildMember = {
      user,
      roles,
      permissions: opts.permissions ?? DEFAULT_MEMBER_PERMISSIONS,
      nick: null,
      avatar: null,
      banner: null,
      joined_at: new Date(Date.now() - 7 * 86_400_000).toISOString(),
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      pending: false,
      communication_disabled_until: null,
    };
    const locale = (opts.locale ?? 'en-US') as APIChatInputApplicationCommandGuildInteraction['locale'];
    const context = opts.context ?? InteractionContextType.Guild;
    const common = {
      id,
      application_id: this.applicationId,
      token,
      version: 1 as const,
      app_permissions: opts.appPermissions ?? BOT_PERMISSIONS,
      locale,
      entitlements: [],
      context,
      attachment_size_limit: 10_485_760,
    };
    if (context !== InteractionContextType.Guild) {
      // the bot's DMs (a DM channel) or a group DM the bot is not in: no guild, no member, the user itself
      const channelId = this.foreignChannel(`private:${context}:${user.id}`);
      const channel =
        context === InteractionContextType.BotDM
          ? { id: channelId, type: ChannelType.DM, flags: 0, last_message_id: null, recipients: [user] }
          : {
              id: channelId,
              type: ChannelType.GroupDM,
              name: 'friends',
              icon: null,
              flags: 0,
              last_message_id: null,
              owner_id: user.id,
              recipients: [user],
            };
      const owners = opts.authorizingIntegrationOwners ?? { '1': user.id };
      const base = {
        ...common,
        channel,
        channel_id: channelId,
        user,
        authorizing_integration_owners: owners,
      };
      return { id, token, base, user, channelId, guildId: null, owners };
    }
    const guildId = opts.guildId ?? this.guildId;
    const channelId = guildId === this.guildId ? this.channelId : this.foreignChannel(guildId);
    const owners = opts.authorizingIntegrationOwners ?? { '0': guildId };
    const base = {
      ...common,
      guild_id: guildId,
      guild: { id: guildId, locale: 'en-US' as typeof locale, features: [] },
      channel: {
        id: channelId,
        type: ChannelType.GuildText as const,
        name: 'general',
        guild_id: guildId,
        flags: 0,
        permissions: opts.permissions ?? DEFAULT_MEMBER_PERMISSIONS,
        parent_id: null,
        position: 0,
        nsfw: false,
        topic: null,
        last_message_id: null,
        rate_limit_per_user: 0,
      },
      channel_id: channelId,
      member,
      guild_locale: 'en-US' as typeof locale,
      authorizing_integration_owners: owners,
    };
    return { id, token, base, user, channelId, guildId, owners };
  }

  private foreignChannel(key: string): string {
    let id = this.foreignChannels.get(key);
    if (!id) {
      id = snowflake();
      this.foreignChannels.set(key, id);
    }
    return id;
  }

  private sendCommandLike(
    type: InteractionType.ApplicationCommand | InteractionType.ApplicationCommandAutocomplete,
    name: string,
    options: FakeCommandOption[],
    opts: FakeInteractionOptions,
  ): { id: string; token: string } {
    const where = this.baseInteraction(opts);
    const { id, token, base } = where;
    const cmd = this.findRegistered(name, ApplicationCommandType.ChatInput);
    const data = {
      id: cmd?.command.id ?? snowflake(),
      name,
      type: ApplicationCommandType.ChatInput as const,
      options: options as unknown as APIApplicationCommandInteractionDataOption[],
      ...(cmd?.guild ? { guild_id: this.guildId } : {}),
    };
    const payload =
      type === InteractionType.ApplicationCommand
        ? ({ ...base, type, data } as unknown as APIChatInputApplicationCommandGuildInteraction)
        : ({ ...base, type, data } as unknown as APIApplicationCommandAutocompleteGuildInteraction);
    this.register(where, type, name, null);
    this.dispatchInteraction(id, payload, opts);
    return { id, token };
  }

  private register(
    where: {
      id: string;
      token: string;
      user: APIUser;
      channelId: string;
      guildId: string | null;
      owners: Record<string, string>;
    },
    type: number,
    name: string,
    sourceMessageId: string | null,
  ): void {
    const { id, token, user: invoker, channelId, guildId, owners } = where;
    const state: InteractionState = {
      channelId,
      guildId,
      owners,
      record: {
        id,
        token,
        type,
        name,
        callback: null,
        callbackQuery: null,
        attempts: [],
        edits: [],
        followUps: [],
        deleted: [],
        original: null,
        messages: [],
      },
      sourceMessageId,
      acknowledged: false,
      failNext: [],
      invoker,
      delivering: null,
    };
    this.interactions.set(id, state);
    this.interactionsByToken.set(token, state);
  }

  private changed(state: InteractionState): void {
    const original = state.record.original ? this.messages.get(state.record.original.id) : undefined;
    state.record.original = original ?? null;
    state.record.messages = state.record.messages.map((m) => this.messages.get(m.id) ?? m);
    const ready = this.responseWaiters.filter(
      (w) => w.interactionId === state.record.id && w.until(state.record),
    );
    if (ready.length === 0) return;
    this.responseWaiters = this.responseWaiters.filter((w) => !ready.includes(w));
    for (const w of ready) {
      clearTimeout(w.timer);
      w.resolve(state.record);
    }
  }

  private describeTimeout(record: InteractionRecord, timeoutMs: number): string {
    const related = this.requests
      .filter((r) => r.path.includes(record.token) || r.path.includes(record.id))
      .map(
        (r) =>
          `  ${r.method} ${r.path.replace(record.token, ':token')} -> ${r.status} ${JSON.stringify(r.body)}`,
      );
    const recent = this.requests
      .slice(-5)
      .map((r) => `  ${r.method} ${r.path} -> ${r.status}`)
      .join('\n');
    return [
      `FakeDiscord.waitForResponse: no matching response for interaction ${record.id} (${record.name}) within ${timeoutMs} ms.`,
      `callback: ${JSON.stringify(record.callback)}; edits: ${record.edits.length}; follow-ups: ${record.followUps.length}`,
      related.length > 0 ? `requests for it:\n${related.join('\n')}` : 'no request for it was received.',
      `last requests overall:\n${recent || '  (none)'}`,
    ].join('\n');
  }

  private newMessage(state: InteractionState, body: unknown, extra: Partial<APIMessage> = {}): APIMessage {
    const b = isRecord(body) ? body : {};
    const isCommand = state.record.type === InteractionType.ApplicationCommand;
    const message = {
      id: snowflake(),
      type: isCommand ? MessageType.ChatInputCommand : MessageType.Default,
      channel_id: state.channelId,
      ...(state.guildId ? { guild_id: state.guildId } : {}),
      author: this.botUser,
      content: typeof b.content === 'string' ? b.content : '',
      embeds: Array.isArray(b.embeds) ? b.embeds : [],
      attachments: [],
      components: numberComponents(b.components),
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: b.tts === true,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags:
        typeof b.flags === 'number'
          ? b.flags & (MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds | MessageFlags.IsComponentsV2)
          : 0,
      webhook_id: this.applicationId,
      application_id: this.applicationId,
      interaction_metadata: {
        id: state.record.id,
        type: state.record.type,
        user: state.invoker,
        authorizing_integration_owners: state.owners,
        ...(state.sourceMessageId ? { interacted_message_id: state.sourceMessageId } : {}),
        ...(isCommand ? { name: state.record.name, command_type: 1 } : {}),
      },
      ...extra,
    } as APIMessage;
    this.messages.set(message.id, message);
    state.record.messages.push(message);
    return message;
  }

  private editMessage(id: string, body: unknown): APIMessage {
    const old = this.messages.get(id);
    if (!old) throw discordError(404, 10008, 'Unknown Message');
    const b = isRecord(body) ? body : {};
    const wasLoading = ((old.flags ?? 0) & MessageFlags.Loading) !== 0;
    const next: APIMessage = {
      ...old,
      ...(typeof b.content === 'string' ? { content: b.content } : b.content === null ? { content: '' } : {}),
      ...(Array.isArray(b.embeds) ? { embeds: b.embeds } : {}),
      ...(Array.isArray(b.components)
        ? { components: numberComponents(b.components) as APIMessage['components'] }
        : {}),
      ...(Array.isArray(b.attachments) ? { attachments: [] } : {}),
      flags: (old.flags ?? 0) & ~MessageFlags.Loading,
      edited_timestamp: wasLoading ? null : new Date().toISOString(),
    };
    this.messages.set(id, next);
    return next;
  }

  private callback(
    state: InteractionState,
    body: unknown,
    query: Record<string, string>,
  ): { status: number; body?: unknown } {
    const fail = state.failNext.shift();
    if (fail === 10062) throw discordError(404, 10062, 'Unknown interaction');
    if (fail === 50035)
      throw discordError(400, 50035, 'Invalid Form Body', {
        data: {
          embeds: {
            0: { url: { _errors: [{ code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' }] } },
          },
        },
      });
    if (fail === 500) throw new HttpError(500, { message: '500: Internal Server Error', code: 0 });
    if (fail === 40060 || state.acknowledged) {
      throw discordError(400, 40060, 'Interaction has already been acknowledged.');
    }
    if (!isRecord(body) || typeof body.type !== 'number') {
      throw discordError(400, 50035, 'Invalid Form Body', { type: { _errors: [{ message: 'Required' }] } });
    }
    const type = body.type;
    const allowed: Record<number, number[]> = {
      [InteractionType.ApplicationCommand]: [4, 5, 9, 12],
      [InteractionType.MessageComponent]: [4, 5, 6, 7, 9, 12],
      [InteractionType.ApplicationCommandAutocomplete]: [8],
    };
    if (type !== InteractionResponseType.Pong && !allowed[state.record.type]?.includes(type)) {
      throw discordError(400, 50035, 'Invalid Form Body', {
        type: {
          _errors: [{ message: `Interaction response type ${type} is not valid for this interaction.` }],
        },
      });
    }
    state.acknowledged = true;
    state.record.callback = { type, ...(body.data === undefined ? {} : { data: body.data }) };
    state.record.callbackQuery = query;
    let message: APIMessage | null = null;
    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource:
        message = this.newMessage(state, body.data);
        state.record.original = message;
        break;
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        const flags = isRecord(body.data) && typeof body.data.flags === 'number' ? body.data.flags : 0;
        message = this.newMessage(state, { flags });
        message.flags = (message.flags ?? 0) | MessageFlags.Loading;
        state.record.original = message;
        break;
      }
      case InteractionResponseType.DeferredMessageUpdate:
        state.record.original = state.sourceMessageId
          ? (this.messages.get(state.sourceMessageId) ?? null)
          : null;
        break;
      case InteractionResponseType.UpdateMessage:
        if (state.sourceMessageId) {
          message = this.editMessage(state.sourceMessageId, body.data);
          state.record.original = message;
        }
        break;
      default:
        break;
    }
    if (query.with_response !== 'true') return { status: 204 };
    return {
      status: 200,
      body: {
        interaction: {
          id: state.record.id,
          type: state.record.type,
          response_message_id: message?.id,
          response_message_loading: type === InteractionResponseType.DeferredChannelMessageWithSource,
          response_message_ephemeral: message
            ? ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0
            : undefined,
        },
        ...(message ? { resource: { type, message } } : { resource: { type } }),
      },
    };
  }

  // ---- REST ---------------------------------------------------------------------------------------------

  private route(method: string, pattern: string, handler: Handler): void {
    const re = new RegExp(
      `^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[a-z]+/gi, '([^/]+)')}$`,
    );
    this.routes.push({ method, re, handler });
  }

  private requireBot(req: IncomingMessage): void {
    if (req.headers.authorization !== `Bot ${this.token}`) throw discordError(401, 0, '401: Unauthorized');
  }

  private interactionFor(app: string, token: string): InteractionState {
    const state = this.interactionsByToken.get(token);
    if (app !== this.applicationId || !state || !state.acknowledged) {
      throw discordError(404, 10015, 'Unknown Webhook');
    }
    return state;
  }

  private messageOf(state: InteractionState, messageId: string): string {
    if (messageId === '@original') {
      if (!state.record.original) throw discordError(404, 10008, 'Unknown Message');
      return state.record.original.id;
    }
    if (!state.record.messages.some((m) => m.id === messageId) && state.record.original?.id !== messageId) {
      throw discordError(404, 10008, 'Unknown Message');
    }
    return messageId;
  }

  private commandScope(app: string, guild?: string): string {
    if (app !== this.applicationId) throw discordError(403, 50001, 'Missing Access');
    if (guild !== undefined && guild !== this.guildId) throw discordError(403, 50001, 'Missing Access');
    return guild ?? 'global';
  }

  private storeCommand(
    scope: string,
    body: unknown,
    existing?: APIApplicationCommand,
  ): APIApplicationCommand {
    const b = isRecord(body) ? body : {};
    const type = typeof b.type === 'number' ? b.type : 1;
    const cmd = {
      ...b,
      id: existing?.id ?? snowflake(),
      application_id: this.applicationId,
      version: snowflake(),
      type,
      name: b.name,
      description: typeof b.description === 'string' ? b.description : '',
      default_member_permissions:
        b.default_member_permissions === undefined ? null : (b.default_member_permissions as string | null),
      dm_permission: b.dm_permission ?? true,
      nsfw: b.nsfw ?? false,
      integration_types: b.integration_types ?? [0],
      contexts: b.contexts ?? null,
      name_localizations: b.name_localizations ?? null,
      description_localizations: b.description_localizations ?? null,
      ...(scope === 'global' ? {} : { guild_id: scope }),
    } as APIApplicationCommand;
    return cmd;
  }

  private defineRoutes(): void {
    const ok = (body: unknown, status = 200) => ({ status, body });
    const noContent = () => ({ status: 204 });

    this.route('GET', '/gateway', () => ok({ url: `ws://127.0.0.1:${this.port}/gateway` }));
    this.route('GET', '/gateway/bot', (req) => {
      this.requireBot(req);
      return ok({
        url: `ws://127.0.0.1:${this.port}/gateway`,
        shards: this.shardCount,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      });
    });
    this.route('GET', '/users/@me', (req) => {
      this.requireBot(req);
      return ok({ ...this.botUser, verified: true, mfa_enabled: false, locale: 'en-US', email: null });
    });
    const application = (req: IncomingMessage) => {
      this.requireBot(req);
      return ok({
        id: this.applicationId,
        name: 'newsbot',
        icon: null,
        description: 'Answers questions about news articles.',
        summary: '',
        type: null,
        bot_public: true,
        bot_require_code_grant: false,
        verify_key: randomBytes(32).toString('hex'),
        flags: 0,
        owner: this.makeUser({ id: this.ownerId, username: 'owner' }),
        team: null,
        bot: this.botUser,
        approximate_guild_count: 1,
        redirect_uris: [],
        interactions_endpoint_url: null,
        tags: [],
        integration_types_config: { '0': {} },
      });
    };
    this.route('GET', '/applications/@me', application);
    this.route('GET', '/oauth2/applications/@me', application);

    // application commands, global and guild
    for (const prefix of ['/applications/:app/commands', '/applications/:app/guilds/:guild/commands']) {
      const scopeOf = (params: string[]) => this.commandScope(params[0]!, params[1]);
      const idIndex = prefix.includes(':guild') ? 2 : 1;
      this.route('GET', prefix, (req, params) => {
        this.requireBot(req);
        return ok(this.commands(scopeOf(params)));
      });
      this.route('PUT', prefix, (req, params, body) => {
        this.requireBot(req);
        const scope = scopeOf(params);
        if (!Array.isArray(body)) throw discordError(400, 50035, 'Invalid Form Body');
        if (body.length > 100)
          throw discordError(400, 30032, 'Maximum number of application commands reached (100)');
        for (const [i, c] of body.entries()) validateCommand(c, `${i}`);
        const old = this.commandStore.get(scope) ?? [];
        const stored = body.map((c) =>
          this.storeCommand(
            scope,
            c,
            old.find(
              (o) => isRecord(c) && o.name === c.name && o.type === ((c.type as number | undefined) ?? 1),
            ),
          ),
        );
        this.commandStore.set(scope, stored);
        return ok(stored);
      });
      this.route('POST', prefix, (req, params, body) => {
        this.requireBot(req);
        const scope = scopeOf(params);
        validateCommand(body, '');
        const list = this.commandStore.get(scope) ?? [];
        const b = isRecord(body) ? body : {};
        const index = list.findIndex(
          (o) => o.name === b.name && o.type === ((b.type as number | undefined) ?? 1),
        );
        const cmd = this.storeCommand(scope, body, list[index]);
        if (index >= 0) list[index] = cmd;
        else list.push(cmd);
        this.commandStore.set(scope, list);
        return ok(cmd, index >= 0 ? 200 : 201);
      });
      const findOne = (params: string[]) => {
        const scope = scopeOf(params);
        const list = this.commandStore.get(scope) ?? [];
        const index = list.findIndex((c) => c.id === params[idIndex]);
        if (index < 0) throw discordError(404, 10063, 'Unknown application command');
        return { scope, list, index };
      };
      this.route('GET', `${prefix}/:id`, (req, params) => {
        this.requireBot(req);
        const { list, index } = findOne(params);
        return ok(list[index]);
      });
      this.route('PATCH', `${prefix}/:id`, (req, params, body) => {
        this.requireBot(req);
        const { scope, list, index } = findOne(params);
        const merged = { ...list[index], ...(isRecord(body) ? body : {}) };
        validateCommand(merged, '');
        list[index] = this.storeCommand(scope, merged, list[index]);
        return ok(list[index]);
      });
      this.route('DELETE', `${prefix}/:id`, (req, params) => {
        this.requireBot(req);
        const { list, index } = findOne(params);
        list.splice(index, 1);
        return noContent();
      });
    }

    // interaction callbacks and the interaction webhook
    this.route('POST', '/interactions/:id/:token/callback', (_req, [id, token], body, query) => {
      const at = Date.now();
      const state = this.interactions.get(id!);
      if (!state || state.record.token !== token) throw discordError(404, 10062, 'Unknown interaction');
      const limit = this.rateLimits.shift();
      if (limit) {
        state.record.attempts.push({ status: 429, body, query, at });
        throw new RateLimited(limit.retryAfter);
      }
      try {
        const result = this.callback(state, body, query);
        state.record.attempts.push({ status: result.status, body, query, at });
        return result;
      } catch (error) {
        if (error instanceof HttpError) state.record.attempts.push({ status: error.status, body, query, at });
        throw error;
      } finally {
        this.changed(state);
      }
    });
    const webhookMessage = (method: string, handler: Handler) =>
      this.route(method, '/webhooks/:app/:token/messages/:message', handler);
    webhookMessage('GET', (_req, [app, token, messageId]) => {
      const state = this.interactionFor(app!, token!);
      return ok(this.messages.get(this.messageOf(state, messageId!)));
    });
    webhookMessage('PATCH', (_req, [app, token, messageId], body) => {
      const state = this.interactionFor(app!, token!);
      const id = this.messageOf(state, messageId!);
      const message = this.editMessage(id, body);
      state.record.edits.push({ messageId: id, original: messageId === '@original', body });
      this.changed(state);
      return ok(message);
    });
    webhookMessage('DELETE', (_req, [app, token, messageId]) => {
      const state = this.interactionFor(app!, token!);
      const id = this.messageOf(state, messageId!);
      this.messages.delete(id);
      state.record.deleted.push(id);
      if (state.record.original?.id === id) state.record.original = null;
      this.changed(state);
      return noContent();
    });
    this.route('POST', '/webhooks/:app/:token', (_req, [app, token], body, query) => {
      const state = this.interactionFor(app!, token!);
      const original = state.record.original;
      // like Discord: the first follow-up after a deferred reply takes the place of the "thinking…"
      // message and keeps the visibility chosen when deferring (its own Ephemeral flag is ignored)
      const message =
        original && ((original.flags ?? 0) & MessageFlags.Loading) !== 0
          ? this.editMessage(original.id, body)
          : this.newMessage(state, body, { type: MessageType.Default });
      state.record.followUps.push(body);
      this.changed(state);
      return query.wait === 'true' ? ok(message) : noContent();
    });

    // plain channel messages, for bots that post outside interactions
    this.route('POST', '/channels/:channel/messages', (req, [channel], body) => {
      this.requireBot(req);
      if (channel !== this.channelId) throw discordError(404, 10003, 'Unknown Channel');
      const b = isRecord(body) ? body : {};
      const message = {
        id: snowflake(),
        type: MessageType.Default,
        channel_id: this.channelId,
        guild_id: this.guildId,
        author: this.botUser,
        content: typeof b.content === 'string' ? b.content : '',
        embeds: Array.isArray(b.embeds) ? b.embeds : [],
        attachments: [],
        components: numberComponents(b.components),
        mentions: [],
        mention_roles: [],
        mention_everyone: false,
        pinned: false,
        tts: false,
        timestamp: new Date().toISOString(),
        edited_timestamp: null,
        flags: 0,
      } as unknown as APIMessage;
      this.messages.set(message.id, message);
      return ok(message);
    });
    this.route('GET', '/channels/:channel/messages/:message', (req, [, messageId]) => {
      this.requireBot(req);
      const message = this.messages.get(messageId!);
      if (!message) throw discordError(404, 10008, 'Unknown Message');
      return ok(message);
    });
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      // HTTP mode: an edit that arrives before the response it follows waits for it, as Discord's does
      const webhook = /\/webhooks\/\d+\/([^/?]+)/.exec(req.url ?? '');
      const delivering = webhook ? this.interactionsByToken.get(safeDecode(webhook[1]!))?.delivering : null;
      if (delivering) await delivering;
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = url.pathname.replace(/^\/api(\/v\d+)?/, '') || '/';
      const query = Object.fromEntries(url.searchParams);
      const method = (req.method ?? 'GET').toUpperCase();
      let parsed: ParsedBody = { body: null, files: [] };
      let status: number;
      let resBody: unknown;
      const headers: Record<string, string> = {};
      try {
        parsed = parseBody(Buffer.concat(chunks), req.headers['content-type']);
        if (!url.pathname.startsWith('/api')) throw discordError(404, 0, '404: Not Found');
        const route = this.routes.find((r) => r.method === method && r.re.test(path));
        const match = route ? route.re.exec(path) : null;
        if (!route || !match) throw discordError(404, 0, '404: Not Found');
        const params = match.slice(1).map(safeDecode);
        const result = route.handler(req, params, parsed.body, query, parsed.files);
        status = result.status;
        resBody = result.body;
      } catch (error) {
        if (error instanceof RateLimited) {
          status = 429;
          resBody = { message: 'You are being rate limited.', retry_after: error.retryAfter, global: false };
          headers['retry-after'] = String(error.retryAfter);
          headers['x-ratelimit-scope'] = 'user';
        } else if (error instanceof HttpError) {
          status = error.status;
          resBody = error.body;
        } else {
          status = 500;
          resBody = { message: `FakeDiscord internal error: ${String(error)}`, code: 0 };
        }
      }
      this.requests.push({
        method,
        path: path.split('/').map(safeDecode).join('/'),
        query,
        body: parsed.body,
        files: parsed.files,
        headers: { ...req.headers },
        status,
      });
      if (status === 204) {
        res.writeHead(204, headers);
        res.end();
        return;
      }
      res.writeHead(status, { ...headers, 'content-type': 'application/json' });
      res.end(JSON.stringify(resBody ?? null));
    });
  }
}

class RateLimited {
  constructor(readonly retryAfter: number) {}
}

function defaultUntil(r: InteractionRecord): boolean {
  if (!r.callback) return false;
  const deferred =
    r.callback.type === InteractionResponseType.DeferredChannelMessageWithSource ||
    r.callback.type === InteractionResponseType.DeferredMessageUpdate;
  return !deferred || r.edits.length > 0 || r.followUps.length > 0;
}
