import type { APIEmbed } from 'discord-api-types/v10';
import { truncateMarkdown } from '../articles/text.js';

/** Discord's documented limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Across every embed of one message. */
  embedsTotal: 6000,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  customId: 100,
  buttonLabel: 80,
} as const;

export function embedLength(embed: APIEmbed): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  n += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/** Every part of the embed within its own limit; text is cut at a word, never mid-word. */
export function clampEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title) out.title = truncateMarkdown(out.title, LIMITS.embedTitle);
  if (out.description) out.description = truncateMarkdown(out.description, LIMITS.embedDescription);
  if (out.footer) out.footer = { ...out.footer, text: truncateMarkdown(out.footer.text, LIMITS.footerText) };
  if (out.author) out.author = { ...out.author, name: truncateMarkdown(out.author.name, LIMITS.authorName) };
  if (out.fields) {
    out.fields = out.fields.slice(0, LIMITS.embedFields).map((f) => ({
      ...f,
      name: truncateMarkdown(f.name, LIMITS.fieldName) || '\u200b',
      value: truncateMarkdown(f.value, LIMITS.fieldValue) || '\u200b',
    }));
  }
  return out;
}

/**
 * At most ten embeds, each within its limits and all together within the message total: when over,
 * the longest descriptions and field values are cut (at a word) until it fits.
 */
export function fitEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  const out = embeds.slice(0, LIMITS.embedsPerMessage).map(clampEmbed);
  let total = out.reduce((n, e) => n + embedLength(e), 0);
  while (total > LIMITS.embedsTotal) {
    // the longest cuttable text loses a quarter, or what is over if that is less
    let longest: { e: number; f: number | null; len: number } | null = null;
    out.forEach((e, i) => {
      const d = e.description?.length ?? 0;
      if (!longest || d > longest.len) longest = { e: i, f: null, len: d };
      e.fields?.forEach((f, j) => {
        if (f.value.length > (longest?.len ?? 0)) longest = { e: i, f: j, len: f.value.length };
      });
    });
    const target = longest as { e: number; f: number | null; len: number } | null;
    if (!target || target.len <= 20) break;
    const cut = Math.min(total - LIMITS.embedsTotal, Math.ceil(target.len / 4));
    const keep = Math.max(10, target.len - Math.max(cut, 1));
    const embed = out[target.e]!;
    if (target.f === null) embed.description = truncateMarkdown(embed.description ?? '', keep);
    else {
      const field = embed.fields![target.f]!;
      embed.fields![target.f] = { ...field, value: truncateMarkdown(field.value, keep) || '\u200b' };
    }
    total = out.reduce((n, e) => n + embedLength(e), 0);
  }
  return out;
}
