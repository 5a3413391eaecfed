import {
  type APIApplicationCommandBasicOption,
  type APIEmbed,
  ApplicationCommandOptionType,
  ApplicationCommandType,
} from 'discord-api-types/v10';
import { RECENT_DAYS } from '../library/time-words.js';
import { fitEmbeds } from './limits.js';
import { reply } from './reply.js';
import type { Command, CommandContext, CommandOptions, CommandResult } from './types.js';

export const definition = {
  name: 'help',
  description: 'What this bot can do, and how to ask it',
  type: ApplicationCommandType.ChatInput,
  options: [
    { type: ApplicationCommandOptionType.Boolean, name: 'hide', description: 'Show the reply to you only' },
  ],
} satisfies Command['definition'];

/** Example lines shown under each command; each must work as written on the seed article. */
export const EXAMPLES: Record<string, string[]> = {
  news: [
    '/news query:What did Lavrov say about Macron?',
    '/news query:Witkoff Kushner talks limit:5 since:2026-01',
    '/news query:What did Lavrov say about Macron in January?',
  ],
  quote: ['/quote query:Macron', '/quote speaker:Lavrov'],
  reload: ['/reload'],
};

/** How a command reads what it is asked, beyond its options: shown under its options. */
export const NOTES: Record<string, string> = {
  news:
    'Time words count from when you ask: "today", "this week", "last month", "in June", "on Monday", ' +
    `"since March", "over the weekend", "recently" (${RECENT_DAYS} days), "in 2022". Weeks start on Monday; days are UTC. ` +
    'Articles from those days come first, else the closest from other dates (the reply says so). ' +
    'Other reports of the same story are listed under "Also". since/until: a day, 2022-06 or 2022.',
};

function usage(command: Command): string {
  const options = (command.definition.options ?? []) as APIApplicationCommandBasicOption[];
  const parts = options.map((o) => (o.required ? `${o.name}:…` : `[${o.name}]`));
  return `/${command.definition.name} ${parts.join(' ')}`.trim();
}

function optionLines(command: Command): string {
  const options = (command.definition.options ?? []) as APIApplicationCommandBasicOption[];
  return options.map((o) => `\`${o.name}\`${o.required ? ' (required)' : ''}: ${o.description}`).join('\n');
}

export function run(context: CommandContext, options: CommandOptions): CommandResult {
  const { library, commands, who } = context;
  const visible = commands.filter((c) => !c.adminOnly || who.isAdmin);
  const embeds: APIEmbed[] = [
    {
      title: 'newsbot',
      description:
        `I answer questions about ${library.size} news article${library.size === 1 ? '' : 's'}` +
        `${library.problems.length ? ` (${library.problems.length} file problem${library.problems.length === 1 ? '' : 's'} at the last load)` : ''}.` +
        '\nAsk in plain words; I show the articles that match, with a summary, the passage that answers and links.',
      fields: visible.map((c) => {
        const examples = (EXAMPLES[c.definition.name] ?? []).map((e) => `\`${e}\``).join('\n');
        const optionText = optionLines(c);
        return {
          name: usage(c),
          value: [
            c.definition.description + (c.adminOnly ? ' (admins only)' : ''),
            optionText,
            NOTES[c.definition.name] ?? '',
            examples,
          ]
            .filter(Boolean)
            .join('\n'),
        };
      }),
      footer: {
        text: 'Replies ping no one, except the member you name with mention:. hide:true shows a reply to you only.',
      },
    },
  ];
  return { reply: reply({ embeds: fitEmbeds(embeds) }, options.hide === true) };
}

export const help: Command = { definition, run };
