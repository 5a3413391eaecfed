import { type APIEmbed, ApplicationCommandType, PermissionFlagsBits } from 'discord-api-types/v10';
import { escapeMarkdown } from '../articles/text.js';
import type { ReloadReport } from '../library/live.js';
import { oneLine } from '../shown-text.js';
import { fitEmbeds } from './limits.js';
import { SERVER_ONLY, slashCommand, slashDefinition } from './parts.js';
import { codeName, errorReply, reply } from './reply.js';
import type { CommandContext, CommandResult } from './types.js';

export const definition = slashDefinition({
  name: 'reload',
  description: 'Re-read the articles folder (admins only)',
  type: ApplicationCommandType.ChatInput,
  // the admins of a server that added the bot; a person's own install cannot reload anything
  ...SERVER_ONLY,
  // Discord hides it from non-admins by default; the handler checks again at run time
  default_member_permissions: PermissionFlagsBits.Administrator.toString(),
  options: [],
});

/** "a, b, c and 12 more" within a field's room. */
function listIds(ids: readonly string[], max = 15): string {
  const shown = ids.slice(0, max).map(codeName);
  const more = ids.length - shown.length;
  return shown.join(', ') + (more > 0 ? ` and ${more} more` : '');
}

export function reloadReply(report: ReloadReport): CommandResult {
  // file names and reasons come from the folder: a name cannot forge a line or end the code span
  const problems = report.problems
    .slice(0, 10)
    .map((p) => `${codeName(p.file)}: ${escapeMarkdown(oneLine(p.reason))}`);
  if (report.problems.length > problems.length)
    problems.push(`…and ${report.problems.length - problems.length} more`);
  if (!report.ok) {
    const embed: APIEmbed = {
      title: 'Reload failed: nothing changed',
      description: escapeMarkdown(report.error ?? 'unknown error'),
      color: 0xc53030,
    };
    if (problems.length)
      embed.fields = [{ name: `Problems (${report.problems.length})`, value: problems.join('\n') }];
    return { reply: reply({ embeds: fitEmbeds([embed]) }, true) };
  }
  const fields: NonNullable<APIEmbed['fields']> = [];
  if (report.added.length)
    fields.push({ name: `Added (${report.added.length})`, value: listIds(report.added) });
  if (report.changed.length)
    fields.push({ name: `Changed (${report.changed.length})`, value: listIds(report.changed) });
  if (report.removed.length)
    fields.push({ name: `Removed (${report.removed.length})`, value: listIds(report.removed) });
  if (problems.length)
    fields.push({ name: `Problems (${report.problems.length})`, value: problems.join('\n') });
  const others = report.replicas;
  const embed: APIEmbed = {
    title: `Reloaded: ${report.before} → ${report.after} articles`,
    description:
      `${report.added.length} added, ${report.changed.length} changed, ${report.removed.length} removed, ` +
      `${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}; took ${report.seconds.toFixed(1)} s.` +
      (others
        ? `\nOther replicas: ${others.reloaded} of ${others.listening} reloaded within ${others.waitedSeconds.toFixed(1)} s.`
        : ''),
    color: 0x2f855a,
  };
  if (fields.length) embed.fields = fields;
  return { reply: reply({ embeds: fitEmbeds([embed]) }, true) };
}

export async function run(context: CommandContext): Promise<CommandResult> {
  if (!context.reload) return { reply: errorReply('Reloading is not available here.') };
  const running = context.reload();
  if (!running)
    return { reply: errorReply('A reload is already running. Wait for it to finish, then try again.') };
  return reloadReply(await running);
}

export const reload = slashCommand({ definition, run, adminOnly: true, slow: true, examples: ['/reload'] });
