import { splitSentences } from '../text.js';
import type { FurnitureRule } from './kind.js';
import { withNeedle } from './signals.js';

/**
 * The longest promotion, in characters. A promotion is a short appeal (a newsletter, an app, an
 * account to follow): in the CNN pages most are under 330 characters ("Sign up for CNN's Royal
 * News, a weekly dispatch bringing you …"), the longest about 470 (a newsletter's blurb pasted
 * twice before "Sign up here!"); a longer block that says "sign up" is a paragraph about someone
 * signing up.
 */
export const PROMOTION_MAX_CHARS = 600;

/**
 * A sentence opening with an imperative to sign up, subscribe, download, follow or get something
 * sent ("Sign up for our newsletter", "Subscribe to …", "Download the app", "Follow us on …",
 * "Get our free weekly newsletter"), optionally after a label ("Editor's Note:") or a bracket. The
 * imperative alone is not enough for the verbs that narrate too ("Follow the money", "Get out",
 * "Download sales are due to…"): those need what is promoted beside them.
 */
const SENTENCE_START = String.raw`(?:^|[.!?…:)]\s+|\(\s*)`;
const ALWAYS_PROMOTES = new RegExp(
  `${SENTENCE_START}(?:Sign up|Signup|Subscribe|Don[’']t miss|Never miss|Like us on|Join us on)\\b`,
  'u',
);
const PROMOTES_WITH_OBJECT = new RegExp(
  `${SENTENCE_START}(?:Follow|Get|Download|Register|Listen|Join|Try|Check out|Read|Watch|Want)\\b[^.!?]{0,120}?\\b(?:newsletters?|inbox|podcasts?|app|apps|alerts|updates delivered|edition|email|subscribe|sign up|us on|@\\w+|on (?:Twitter|X|Facebook|Instagram|TikTok|YouTube|Threads|LinkedIn|Snapchat|WhatsApp|Telegram))\\b`,
  'u',
);
/**
 * Signing up addressed to the reader, not narrated: "… Sign up here", "You can sign up right
 * here", "To get updates sent to your inbox, sign up for our newsletter" ("borrowers can sign up
 * at studentaid.gov" is a paragraph of the story).
 */
const SIGN_UP_HERE = withNeedle(
  /ign up|cribe|regi/i,
  /\b(?:sign up|subscribe|register)(?: right| for free)?\s+(?:here|now|today)\b/iu,
);
const SIGN_UP_YOU = new RegExp(
  `(?:${SENTENCE_START}You can (?:also )?|, )(?:sign up|subscribe)\\b[^.!?]{0,80}\\b(?:here|newsletters?|inbox|email)\\b`,
  'u',
);
/**
 * What every match of ALWAYS_PROMOTES, PROMOTES_WITH_OBJECT and SIGN_UP_YOU contains (they are
 * case-sensitive): searched first, once, since those patterns open with a sentence's start and are
 * tried at every full stop of every short block (see withNeedle).
 */
const MAY_PROMOTE =
  /Sign ?up|Subscribe|n[’']t miss|Never miss|Like us on|Join|Follow|Get|Download|Register|Listen|Try|Check out|Read|Watch|Want|sign up|subscribe/;

/** What a promotion's other sentences talk about: the offer ("Our eight-part guide…", "delivered to your inbox"), addressed to the reader. */
const ABOUT_THE_OFFER = /\b(?:newsletters?|inbox|subscribers?|podcasts?|guide|series|you|your)\b/iu;

/**
 * The share of a block's characters that must be the promotion (its appeal and the sentences about
 * what is offered) unless the block opens with the appeal: a newsletter's item that ends "For more,
 * sign up for …" is mostly the item, and is kept.
 */
export const PROMOTION_MIN_SHARE = 0.5;

function appeals(sentence: string): boolean {
  return (
    (MAY_PROMOTE.test(sentence) &&
      (ALWAYS_PROMOTES.test(sentence) ||
        PROMOTES_WITH_OBJECT.test(sentence) ||
        SIGN_UP_YOU.test(sentence))) ||
    SIGN_UP_HERE(sentence)
  );
}

/** An appeal to sign up, subscribe, download or follow, opening the block or making most of it. */
export const promotion: FurnitureRule = {
  kind: 'promotion',
  test: ({ text }) => {
    if (text.length > PROMOTION_MAX_CHARS || !appeals(text)) return false;
    const sentences = splitSentences(text);
    if (appeals(sentences[0] ?? '')) return true;
    const promoting = sentences.filter((s) => appeals(s) || ABOUT_THE_OFFER.test(s));
    return promoting.join(' ').length >= PROMOTION_MIN_SHARE * text.length;
  },
};
