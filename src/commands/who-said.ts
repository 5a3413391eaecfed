import { ApplicationCommandType } from 'discord-api-types/v10';
import { escapeMarkdown, truncateAtWord } from '../articles/text.js';
import { termsOf } from '../library/analyzer.js';
import { fitEmbeds } from './limits.js';
import { messageWords, noWordsResult } from './message-text.js';
import { ANYWHERE, searcherOf } from './parts.js';
import { articleQuotesEmbed, quoteResult } from './quote.js';
import { errorReply, linkBase, readRows, reply } from './reply.js';
import type { CommandResult, MessageCommand } from './types.js';

/**
 * "Who said this?" on any message: the quotation in the library closest to the message's words
 * (a partial quote or a paraphrase finds it: QuoteIndex.closest), with its speaker, article and
 * date; or that no article has it. Shown to the asker only; Share posts it.
 */
export const whoSaid: MessageCommand = {
  description: 'Finds the quotation a message repeats or paraphrases: who said it, in which article, when.',
  definition: { name: 'Who said this?', type: ApplicationCommandType.Message, ...ANYWHERE },
  examples: ['Lavrov told reporters Moscow is open to contact with Witkoff and Kushner'],
  async runOnMessage(context, message): Promise<CommandResult> {
    const { library } = context;
    const articleBaseUrl = linkBase(context);
    const text = messageWords(message.content);
    if (!termsOf(text).length) return noWordsResult('/quote');
    if (!library.quotationCount)
      return { reply: errorReply('No quotations are known yet: none of the loaded articles quotes anyone.') };
    const [hit] = await searcherOf(context).run('closestQuotes', { text, max: 1 });
    if (!hit) {
      return {
        reply: reply(
          {
            content:
              `No article has that quotation: none of the ${library.quotationCount} quotations I know is close to ` +
              `“${escapeMarkdown(truncateAtWord(text, 150))}”. Try \`/quote\` with a name or a topic.`,
          },
          true,
        ),
        results: [],
      };
    }
    const who = hit.quote.speaker ? escapeMarkdown(hit.quote.speaker) : 'Someone the article does not name';
    const when = hit.article.date ? ` on ${hit.article.date}` : '';
    return {
      reply: reply(
        {
          content: `💬 ${who} said it, in “${escapeMarkdown(truncateAtWord(hit.article.title, 150))}”${when}.`,
          embeds: fitEmbeds([articleQuotesEmbed({ article: hit.article, hits: [hit] }, articleBaseUrl)]),
          ...readRows([hit.article], articleBaseUrl),
        },
        true,
      ),
      results: [quoteResult(hit, articleBaseUrl)],
    };
  },
};
