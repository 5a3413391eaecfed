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
  /**
   * The longest URL put in a payload (embed url, a link in a field or in markdown). Discord's embed
   * limits do not list one, but its API refuses the whole message (50035) for a longer embed url;
   * 2,048 characters is what it accepts in practice, and the length browsers and servers commonly
   * keep to.
   */
  url: 2048,
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

/** One piece of embed text that can be shortened: read it, write it. */
interface TextSlot {
  get(): string;
  set(text: string): void;
}

function textSlots(embed: APIEmbed): TextSlot[] {
  const slots: TextSlot[] = [];
  if (embed.title) slots.push({ get: () => embed.title ?? '', set: (t) => (embed.title = t) });
  if (embed.description)
    slots.push({ get: () => embed.description ?? '', set: (t) => (embed.description = t) });
  if (embed.footer) {
    const footer = embed.footer;
    slots.push({ get: () => footer.text, set: (t) => (footer.text = t || '\u200b') });
  }
  for (const field of embed.fields ?? []) {
    slots.push({ get: () => field.name, set: (t) => (field.name = t || '\u200b') });
    slots.push({ get: () => field.value, set: (t) => (field.value = t || '\u200b') });
  }
  return slots;
}

/**
 * At most ten embeds, each within its limits and all together within the message total: when over,
 * the longest text is cut (at a word) until it fits, so short parts such as titles and dates survive.
 */
export function fitEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  const out = embeds.slice(0, LIMITS.embedsPerMessage).map((e) => {
    const clamped = clampEmbed(e);
    if (clamped.footer) clamped.footer = { ...clamped.footer };
    if (clamped.fields) clamped.fields = clamped.fields.map((f) => ({ ...f }));
    return clamped;
  });
  const slots = out.flatMap(textSlots);
  let total = out.reduce((n, e) => n + embedLength(e), 0);
  while (total > LIMITS.embedsTotal) {
    let longest: TextSlot | undefined;
    for (const slot of slots) if (!longest || slot.get().length > longest.get().length) longest = slot;
    const len = longest?.get().length ?? 0;
    if (!longest || len <= 20) break;
    const keep = Math.max(20, len - Math.min(total - LIMITS.embedsTotal, Math.ceil(len / 4)));
    longest.set(truncateMarkdown(longest.get(), keep));
    total = out.reduce((n, e) => n + embedLength(e), 0);
  }
  return out;
}
