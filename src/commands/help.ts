import { type APIEmbed, ApplicationCommandType } from 'discord-api-types/v10';
import { fitEmbeds } from './limits.js';
import { ANYWHERE, HIDE_OPTION, type OptionsOf, slashCommand, slashDefinition } from './parts.js';
import { reply } from './reply.js';
import {
  type AnyCommand,
  type Command,
  type CommandContext,
  type CommandResult,
  isMessageCommand,
} from './types.js';

export const definition = slashDefinition({
  name: 'help',
  description: 'What this bot can do, and how to ask it',
  type: ApplicationCommandType.ChatInput,
  ...ANYWHERE,
  options: [HIDE_OPTION],
});

function usage(command: AnyCommand): string {
  if (isMessageCommand(command)) return `On a message: Apps → ${command.definition.name}`;
  const options = command.definition.options ?? [];
  const parts = options.map((o) => (o.required ? `${o.name}:…` : `[${o.name}]`));
  return `/${command.definition.name} ${parts.join(' ')}`.trim();
}

function optionLines(command: Command): string {
  const options = command.definition.options ?? [];
  return options.map((o) => `\`${o.name}\`${o.required ? ' (required)' : ''}: ${o.description}`).join('\n');
}

/** What a command does, its options and its examples, for its field in /help. */
function commandHelp(command: AnyCommand): string {
  if (isMessageCommand(command)) {
    const examples = (command.examples ?? []).map((e) => `e.g. on “${e}”`).join('\n');
    return [command.description, examples].filter(Boolean).join('\n');
  }
  const examples = (command.examples ?? []).map((e) => `\`${e}\``).join('\n');
  return [
    command.definition.description +
      (command.adminOnly && !/admins only/.test(command.definition.description) ? ' (admins only)' : ''),
    optionLines(command),
    command.notes ?? '',
    examples,
  ]
    .filter(Boolean)
    .join('\n');
}

export function run(context: CommandContext, options: OptionsOf<typeof definition>): CommandResult {
  const { library, commands, who } = context;
  const visible = commands.filter((c) => !c.adminOnly || who.isAdmin);
  const embeds: APIEmbed[] = [
    {
      title: 'newsbot',
      description:
        `I answer questions about ${library.size} news article${library.size === 1 ? '' : 's'}` +
        `${library.problems.length ? ` (${library.problems.length} file problem${library.problems.length === 1 ? '' : 's'} at the last load)` : ''}.` +
        '\nAsk in plain words; I show the articles that match, with a summary, the passage that answers and links.',
      fields: visible.map((c) => ({ name: usage(c), value: commandHelp(c) })),
      footer: {
        text:
          'Replies ping no one, except the member you name with mention:. ' +
          'hide:true shows a reply to you only, with a Share button to post it for everyone.',
      },
    },
  ];
  return { reply: reply({ embeds: fitEmbeds(embeds) }, options.hide === true) };
}

export const help = slashCommand({ definition, run, examples: ['/help'] });
