import {
  type APIInteractionResponseCallbackData,
  MessageFlags,
  type RESTPatchAPIWebhookWithTokenMessageJSONBody,
} from 'discord-api-types/v10';
import type { ReplyPayload } from '../commands/types.js';

/**
 * The reply as Discord's message body, for a response or a follow-up: mentions exactly as the
 * payload allows (never @everyone, roles or the replied-to user), Ephemeral kept.
 */
export function toMessageBody(payload: ReplyPayload): APIInteractionResponseCallbackData {
  const body: APIInteractionResponseCallbackData = {
    ...toEditBody(payload),
  } as APIInteractionResponseCallbackData;
  if (payload.flags && payload.flags & MessageFlags.Ephemeral) body.flags = MessageFlags.Ephemeral;
  return body;
}

/** For edits and page turns: ephemerality was fixed when the reply was created and cannot change. */
export function toEditBody(payload: ReplyPayload): RESTPatchAPIWebhookWithTokenMessageJSONBody {
  return {
    content: payload.content ?? '',
    embeds: payload.embeds ?? [],
    components: payload.components ?? [],
    allowed_mentions: {
      parse: [],
      users: payload.allowed_mentions.users ?? [],
      roles: [],
      replied_user: false,
    },
  };
}
