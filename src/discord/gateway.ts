import { type Client, GatewayDispatchEvents } from 'discord.js';
import type { APIInteraction } from 'discord-api-types/v10';
import { handleInteraction, type InteractionDeps } from './interactions.js';
import { InteractionReply, restCallback } from './respond.js';

/**
 * The gateway transport, a thin adapter: each INTERACTION_CREATE's raw payload goes to the same
 * handler as the HTTP endpoint's, and its first answer is POSTed to the interaction's callback.
 * discord.js still builds its own Interaction objects from the event; nothing here reads them.
 */
export function answerGatewayInteractions(
  client: Client,
  deps: InteractionDeps,
  track: (work: Promise<void>) => boolean,
): void {
  client.ws.on(GatewayDispatchEvents.InteractionCreate, (data: APIInteraction) => {
    const answer = new InteractionReply(data, client.rest, restCallback(client.rest, data));
    track(handleInteraction(data, answer, deps));
  });
}
