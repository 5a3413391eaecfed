// The ways people ask for news, read as the shape of the question and not searched. "latest on
// gronk" asks for the newest reports about Gronkowski: "latest" and "on" are not words an article
// about him must have, and searching them finds every article that says "latest". One list, here,
// with the reason for each entry; readAsking strips what it recognises and says what it read.

/** What the way of asking says beyond the words to look for. */
export interface Asking {
  /** The words to look for: the question without the ways of asking (may be the question itself). */
  topic: string;
  /** The question asks for the newest reports first ("latest on", "recent news about"). */
  newestFirst: boolean;
  /** "What did X say (about Y)?": X, whose words are asked for; null otherwise. */
  speaker: string | null;
  /** With a speaker: Y, what X spoke about ("" when not said). */
  about: string | null;
  /** The phrases read as the way of asking, as written, for the reply to name. */
  phrases: string[];
}

/** One way of asking: its pattern (at the start of the question unless said), and why it is not searched. */
interface AskingPhrase {
  pattern: RegExp;
  /** Why these words are the question's shape, not its topic. */
  reason: string;
  /** They ask for the newest reports first. */
  newest?: boolean;
}

// Each pattern is anchored where people put it: chat openers at the start, "news"/"updates" at the
// end. They are tried in order, and more than one may apply ("any updates on the latest …").
const NEWEST = String.raw`(?:very\s+|most\s+)?(?:latest|newest|recent|freshest)`;
const NEWS_NOUN =
  '(?:news|updates?|reports?|stories|story|articles?|headlines?|developments?|info(?:rmation)?|word)';
const ABOUT = '(?:on|about|regarding|concerning|re|with|from|for|of|in)';

export const ASKING_PHRASES: readonly AskingPhrase[] = [
  {
    // "so,", "hey", "please": talk, not topic
    pattern: /^(?:(?:hey|hi|hello|ok(?:ay)?|so|well|please|pls|bot|newsbot)\b[\s,!:]*)+/i,
    reason: 'a greeting or filler before the question',
  },
  {
    pattern: /^(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:tell|show|give|find|get)\s+(?:me|us)\s+/i,
    reason: 'a request to the bot, not a topic',
  },
  {
    pattern: /^(?:tell|show|give|find|get)\s+(?:me|us)\s+/i,
    reason: 'a request to the bot, not a topic',
  },
  {
    pattern: /^(?:i\s+(?:want|would\s+like|'d\s+like)\s+(?:to\s+(?:know|read|hear)\s+)?)/i,
    reason: 'a request to the bot, not a topic',
  },
  {
    // "the latest on", "latest news about", "most recent updates on", "newest on"
    pattern: new RegExp(
      String.raw`^(?:(?:what(?:'s|’s|\s+is|\s+are)\s+)?(?:the\s+)?${NEWEST}(?:\s+${NEWS_NOUN})?\s+${ABOUT}\s+)`,
      'i',
    ),
    reason: '"latest", "newest", "recent" ask for the newest reports first; the rest is the way of asking',
    newest: true,
  },
  {
    // "latest gronk news", "latest: gronk" (no "on")
    pattern: new RegExp(String.raw`^(?:the\s+)?${NEWEST}\b[\s:,-]*`, 'i'),
    reason:
      '"latest", "newest", "recent" ask for the newest reports first, not for articles that say "latest"',
    newest: true,
  },
  {
    // "any news on", "any updates about", "anything new on", "is there news about"
    pattern: new RegExp(
      String.raw`^(?:(?:is|are)\s+there\s+)?(?:any|anything|some)\s+(?:new\s+|more\s+)?(?:${NEWS_NOUN}\s+)?${ABOUT}\s+`,
      'i',
    ),
    reason: 'asking whether there is news: the way of asking, not the topic',
  },
  {
    // "news about", "updates on", "stories about", "articles on"
    pattern: new RegExp(String.raw`^(?:the\s+)?(?:${NEWS_NOUN})\s+${ABOUT}\s+`, 'i'),
    reason: 'every article is news: "news" and "updates" name what the bot gives, not what it is about',
  },
  {
    // "what happened with", "what's happening in", "what's going on with", "what's new with"
    pattern:
      /^(?:so\s+)?what(?:'s|’s|\s+is|\s+has|\s+was)?\s+(?:(?:just\s+)?happen(?:ed|ing)|going\s+on|new|up|the\s+(?:deal|story|news|situation))\s+(?:with|to|at|in|on|about|for)\s+/i,
    reason: 'asking what happened: every report tells what happened, so these words pick none',
  },
  {
    // "what do we know about", "what do you know about", "what is known about"
    pattern:
      /^what\s+(?:do\s+(?:we|you)\s+know|is\s+known|can\s+you\s+tell\s+me|have\s+you\s+got)\s+(?:about|on|of)\s+/i,
    reason: 'asking what is known: the way of asking, not the topic',
  },
  {
    // "tell me about" after "can you" was read: "about gronk"
    pattern: /^(?:about|on|regarding)\s+/i,
    reason: 'a preposition left by the way of asking',
  },
  {
    // trailing "news", "updates", "latest news", "lately?" handled by time words; "news today?" too
    pattern: new RegExp(
      String.raw`\s+(?:${NEWEST}\s+)?(?:news|updates|headlines)(?:\s+please)?\s*[?!.]*$`,
      'i',
    ),
    reason: '"… news", "… updates" at the end name what the bot gives, not what it is about',
  },
  {
    pattern: /[\s,]+(?:please|pls|thanks|thank\s+you)\s*[?!.]*$/i,
    reason: 'politeness, not topic',
  },
];

/**
 * "What did X say (about Y)?", "what has X said on Y", "what does X think of Y": the person whose
 * words are asked for, and the topic. The verbs say what the question wants (X's words), so they
 * are not searched; the quotation index knows which articles quote X on Y.
 */
const SAID =
  /^(?:so\s+)?what\s+(?:did|does|do|has|have|had|is|was)\s+(.+?)\s+(?:say|said|saying|tell|told|telling|think|thought|thinks|reply|replied|respond|responded|comment|commented|claim|claimed|tweet|tweeted|write|wrote|written)(?:\s+(?:about|on|of|regarding|concerning|to|in|after|over|when|at)\s+(.+?))?\s*[?!.]*$/i;
/** A speaker named by a pronoun or a vague word is no name to look for. */
const NOT_A_SPEAKER = /^(?:he|she|they|it|you|we|i|people|everyone|anyone|someone|the\s+\w+)$/i;

/** The question read for its way of asking: what to search, and what the asking itself says. */
export function readAsking(question: string): Asking {
  const phrases: string[] = [];
  let newestFirst = false;
  let rest = question.replace(/\s+/g, ' ').trim();
  // the way of asking is read from the start and end until nothing more matches
  for (let changed = true; changed; ) {
    changed = false;
    for (const phrase of ASKING_PHRASES) {
      const m = phrase.pattern.exec(rest);
      if (!m?.[0].trim()) continue;
      const left = (rest.slice(0, m.index) + ' ' + rest.slice(m.index + m[0].length)).trim();
      // a way of asking with nothing after it is the whole question: "latest news" is searched as it is
      if (!/[\p{L}\p{N}]/u.test(left)) continue;
      phrases.push(m[0].trim());
      if (phrase.newest) newestFirst = true;
      rest = left;
      changed = true;
    }
  }
  let speaker: string | null = null;
  let about: string | null = null;
  const said = SAID.exec(rest);
  if (said && !NOT_A_SPEAKER.test(said[1]!.trim())) {
    speaker = said[1]!.trim();
    about = (said[2] ?? '').trim();
    phrases.push(about ? 'what did … say about …' : 'what did … say');
    rest = `${speaker} ${about}`.trim();
  }
  return { topic: rest || question.trim(), newestFirst, speaker, about, phrases };
}
