import type { REST } from 'discord.js';
import {
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
  InteractionResponseType,
  MessageFlags,
  type RESTPatchAPIWebhookWithTokenMessageJSONBody,
  type RESTPostAPIWebhookWithTokenJSONBody,
  Routes,
} from 'discord-api-types/v10';
import type { Choice, ReplyPayload } from '../commands/types.js';
import { toEditBody, toMessageBody } from './payload.js';

/**
 * How the first answer to an interaction (its callback) reaches Discord: over REST in gateway mode
 * (POST /interactions/{id}/{token}/callback), as the HTTP response in HTTP mode. It resolves once
 * the callback is sent; a refusal by Discord rejects.
 */
export type SendCallback = (body: APIInteractionResponse) => Promise<void>;

/** What a handler needs to know of the interaction to answer it. */
export interface Answerable {
  id: string;
  token: string;
  application_id: string;
}

/**
 * The answer to one interaction, whatever the transport: the callback first (a reply, a deferral,
 * an update or autocomplete choices), then edits and follow-ups through the interaction's webhook
 * on DISCORD_API_URL, which needs no bot token. Keeps what was sent, as a handler must know whether
 * it may still reply or only edit.
 */
export class InteractionReply {
  /** A deferral (type 5 or 6) was sent: the answer is an edit of the original. */
  deferred = false;
  /** A reply or an update was sent. */
  replied = false;
  /** The original response is for the asker alone. */
  ephemeral = false;

  constructor(
    private readonly interaction: Answerable,
    private readonly rest: REST,
    private readonly sendCallback: SendCallback,
  ) {}

  private async callback(body: APIInteractionResponse): Promise<void> {
    await this.sendCallback(body);
  }

  /** A message as the response (type 4). */
  async reply(payload: ReplyPayload): Promise<void> {
    await this.callback({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: toMessageBody(payload),
    });
    this.replied = true;
    this.ephemeral = ((payload.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
  }

  /** "Thinking…" (type 5), public or for the asker alone; the answer follows by editReply. */
  async defer(ephemeral: boolean): Promise<void> {
    await this.callback({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: (ephemeral ? MessageFlags.Ephemeral : 0) as MessageFlags },
    });
    this.deferred = true;
    this.ephemeral = ephemeral;
  }

  /** For a button: acknowledged, the message it is on is edited later (type 6). */
  async deferUpdate(): Promise<void> {
    await this.callback({ type: InteractionResponseType.DeferredMessageUpdate });
    this.deferred = true;
  }

  /** For a button: the message it is on becomes this (type 7). */
  async update(payload: ReplyPayload): Promise<void> {
    const data = toEditBody(payload) as APIInteractionResponseCallbackData;
    await this.callback({ type: InteractionResponseType.UpdateMessage, data });
    this.replied = true;
  }

  /** Autocomplete choices (type 8). */
  async choices(choices: Choice[]): Promise<void> {
    await this.callback({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices },
    });
    this.replied = true;
  }

  /** Edits the original response (or, after deferUpdate, the message the button is on). */
  async editReply(body: RESTPatchAPIWebhookWithTokenMessageJSONBody): Promise<void> {
    const { application_id, token } = this.interaction;
    await this.rest.patch(Routes.webhookMessage(application_id, token, '@original'), { body, auth: false });
  }

  /** A message after the response; Ephemeral in the payload makes it the asker's alone. */
  async followUp(payload: ReplyPayload): Promise<void> {
    const { application_id, token } = this.interaction;
    const body: RESTPostAPIWebhookWithTokenJSONBody = toMessageBody(payload);
    await this.rest.post(Routes.webhook(application_id, token), { body, auth: false });
    this.replied = true;
  }

  async deleteReply(): Promise<void> {
    const { application_id, token } = this.interaction;
    await this.rest.delete(Routes.webhookMessage(application_id, token, '@original'), { auth: false });
  }
}

/** The gateway transport's callback: POST /interactions/{id}/{token}/callback. */
export function restCallback(rest: REST, interaction: Answerable): SendCallback {
  return async (body) => {
    await rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
      body,
      auth: false,
      query: new URLSearchParams({ with_response: 'false' }),
    });
  };
}
