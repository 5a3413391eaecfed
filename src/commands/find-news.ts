import { ApplicationCommandType } from 'discord-api-types/v10';
import { termsOf } from '../library/analyzer.js';
import { messageQuery, noWordsResult } from './message-text.js';
import { news, QUERY_MAX_CHARS } from './news.js';
import { ANYWHERE } from './parts.js';
import type { CommandResult, MessageCommand } from './types.js';

/**
 * "Find news about this" on any message: its words asked as a /news question, as of the moment the
 * message was posted, shown to the asker only (Share posts it for everyone). The message's content
 * comes with the interaction, so no message-content intent is needed.
 */
export const findNews: MessageCommand = {
  description:
    'Looks up the news about what a message says, as of when it was posted. Only you see the answer.',
  definition: { name: 'Find news about this', type: ApplicationCommandType.Message, ...ANYWHERE },
  examples: ['Is Moscow really open to talks with Witkoff and Kushner? https://example.com/story'],
  runOnMessage(context, message): CommandResult | Promise<CommandResult> {
    const query = messageQuery(message.content, QUERY_MAX_CHARS);
    if (!termsOf(query).length) return noWordsResult('/news');
    return news.run({ ...context, now: message.createdAt }, { query, hide: true });
  },
};
