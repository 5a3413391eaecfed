// The signals the kinds of furniture share: what a picture credit looks like, and the shape of a
// block (words, sentences, closing punctuation). Written for any news site: credit lines follow the
// wire services' and picture agencies' conventions ("Jane Roe/AP", "(Photo by Jane Roe/Getty
// Images)", "Jane Roe/Bloomberg via Getty Images"), not one site's strings. Every pattern here is
// bounded, so testing a block costs time in proportion to its length.

/**
 * Picture agencies and wire services whose names close a credit line. A name after a slash is a
 * credit whoever it is (see SLASH_CREDIT); this list is for credits without one ("AFP via Getty
 * Images", "Getty Images" on its own) and for telling a gallery's credits apart from a slash in a
 * sentence ("Boeing/Airbus").
 */
export const AGENCIES = [
  'Getty Images',
  'Getty',
  'Associated Press',
  'AP Photo',
  'AP',
  'Reuters',
  'AFP',
  'EPA-EFE',
  'EPA',
  'Shutterstock',
  'Alamy',
  'PA Images',
  'PA Media',
  'PA Wire',
  'PA',
  'Xinhua',
  'Anadolu Agency',
  'NurPhoto',
  'SOPA Images',
  'LightRocket',
  'SIPA USA',
  'Sipa',
  'Redux',
  'ZUMA Press',
  'ZUMA Wire',
  'ZUMA',
  // CNN writes ZUMA's name in title case ("Chris Kleponis/CNP/Zuma Press")
  'Zuma Press',
  'Zuma',
  'AAP',
  'UPI',
  'Corbis',
  'TASS',
  'Sputnik',
  'Kyodo',
  'Yonhap',
  'dpa',
  'picture alliance',
  'Imagn',
  'USA TODAY Sports',
  'WireImage',
  'FilmMagic',
  'Invision',
  'MediaPunch',
  'Bloomberg',
];

const AGENCY = `(?:${AGENCIES.map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`;

/** A capitalised word of a name or an organisation ("Jane", "O'Neil", "Mercedes-Benz", "AG", "2022"). */
const NAME_WORD = String.raw`[\p{Lu}\p{N}][\p{L}\p{N}.'’&-]*`;

/**
 * The longest credit line, in characters. Credits are a photographer and up to four agencies
 * ("Jumbo Aerial Photography/Great Barrier Reef Marine Park Authority/AP", 67 characters; the
 * longest slash credit in the 1,980 CNN pages is under 100): only this much of a block's end or
 * start is read for one, which also keeps the test linear in the block.
 */
export const CREDIT_MAX_CHARS = 160;

/**
 * A credit with slashes: name words, then one or more `/` and name words ("Gregory Bull/AP",
 * "Jonathan Wiggs/The Boston Globe/Getty Images", "Mark Reinstein/MediaPunch/IPX/AP"). A space
 * may stand beside a slash ("Brendan Smialowski / AFP"). Bounded: at most 6 words a part, 5 parts.
 */
/** A slash between the parts of a credit, with a space beside it or doubled ("Pool//Getty Images"). */
const SLASH = String.raw` ?//? ?`;
const PART = String.raw`(?:${AGENCY}|(?:The )?${NAME_WORD}(?: (?:of |the |de )?${NAME_WORD}){0,5})`;
const SLASH_CREDIT_SOURCE = String.raw`${NAME_WORD}(?: (?:of |the |de |van |von )?${NAME_WORD}){0,5}(?:${SLASH}${PART}){1,4}`;

/**
 * A word of a credit that ends with an agency: any word, since photographers' and partners' names
 * are written as they like ("ljubaphoto/E+/Getty Images", "SVEN SIMON/picture-alliance/dpa/AP").
 */
const ANY_WORD = String.raw`[\p{L}\p{N}][\p{L}\p{N}.'’&+-]*`;
/** A slash credit whose last part is an agency ("Erin Scott/Getty Images", "Stringer/AFP/Getty Images"). */
const AGENCY_CREDIT_SOURCE = String.raw`${ANY_WORD}(?: ${ANY_WORD}){0,3}(?:${SLASH}${ANY_WORD}(?: ${ANY_WORD}){0,3}){0,4}${SLASH}${AGENCY}(?: (?:North America|Europe|Asia(?:Pac)?|South America|Latin America|Sport|Entertainment|News))?(?: for (?:the |The )?${NAME_WORD}(?: ${NAME_WORD}){0,3})?`;

/** `(Photo by Jane Roe/Getty Images)`, `(Photo: Jane Roe)`, `(Image credit: NASA)`: a credit in brackets. */
const BRACKETED_CREDIT_SOURCE = String.raw`\((?:${AGENCY} )?(?:Photo|Photograph|Image|Picture|Illustration|Video)(?:s)?(?: credit)?(?: by |: ?|/)[^()]{1,${CREDIT_MAX_CHARS}}\)`;

/** `AFP via Getty Images`, `Jane Roe for The Washington Post`: a credit naming who took it for whom. */
const VIA_CREDIT_SOURCE = String.raw`${NAME_WORD}(?: ${NAME_WORD}){0,5}(?: ?/ ?${NAME_WORD}(?: ${NAME_WORD}){0,5}){0,3} via ${AGENCY}`;

/**
 * The most name words after "Courtesy": the longest such credit in the 1,980 CNN pages has 8
 * ("Courtesy of Prince Harry and Meghan, The Duke and Duchess of Sussex"); the bound keeps the
 * pattern's work linear.
 */
export const COURTESY_MAX_NAME_WORDS = 10;
/**
 * `Courtesy Ann Roe`, `Courtesy of Dale Holdings/Reuters`, `Courtesy Republic of Guinea, TGS and
 * Western Geco`: a picture lent by its owner, whose name ends the caption. Name words, with the
 * small words and commas inside names and lists of owners.
 */
const COURTESY_CREDIT_SOURCE = String.raw`Courtesy(?: of)?(?:,? (?:(?:of|the|and|&|de) ){0,2}${NAME_WORD}){1,${COURTESY_MAX_NAME_WORDS}}`;

/** Any credit, anywhere in a block, that a slash or an agency makes certain (for counting a gallery's). */
// not followed by a lowercase word: "an Ipsos/Reuters poll" is a sentence's words
const CERTAIN_CREDIT = new RegExp(
  `(?:${BRACKETED_CREDIT_SOURCE}|${VIA_CREDIT_SOURCE}|${AGENCY_CREDIT_SOURCE})(?![\\p{L}\\p{N}]| \\p{Ll})`,
  'gu',
);

/** A block that is nothing but credits (one or more, e.g. "(Photo by X/AFP) (Photo by X/AFP via Getty Images)"). */
const CREDIT_ONLY = new RegExp(
  `^(?:(?:${BRACKETED_CREDIT_SOURCE}|${VIA_CREDIT_SOURCE}|${AGENCY_CREDIT_SOURCE}|${SLASH_CREDIT_SOURCE}|${COURTESY_CREDIT_SOURCE}|${AGENCY})\\.?\\s*)+$`,
  'u',
);

/** A credit ending a block: after a sentence, a bracket, or a run of the caption's words. */
const TRAILING_CREDIT = new RegExp(
  `(?:${BRACKETED_CREDIT_SOURCE}|${VIA_CREDIT_SOURCE}|${AGENCY_CREDIT_SOURCE}\\)?|(?<=[.!?…)"”’] )${SLASH_CREDIT_SOURCE}|(?<=[.!?…"”’] )${AGENCY}|(?<=[.!?…)"”’] |^(?:${NAME_WORD} ){1,4})${COURTESY_CREDIT_SOURCE})(?:\\s*${BRACKETED_CREDIT_SOURCE})*$`,
  'u',
);

/** A credit opening a block, before the caption it credits ("Scott Barbour/Getty Images Serena Williams waves…"). */
const LEADING_CREDIT = new RegExp(`^(?:${AGENCY_CREDIT_SOURCE}|${VIA_CREDIT_SOURCE}) (?=[\\p{Lu}"“])`, 'u');

/** The end of a block, long enough to hold any credit line (and a second, bracketed one). */
function tail(block: string): string {
  return block.length <= 2 * CREDIT_MAX_CHARS ? block : block.slice(-2 * CREDIT_MAX_CHARS);
}

/**
 * A block of agencies' names and nothing else ("Getty Images", "AP. Reuters"): CREDIT_ONLY for a
 * block with no slash, bracket or " via ", since every other kind of credit holds one of them.
 */
const AGENCIES_ONLY = new RegExp(`^(?:${AGENCY}\\.?\\s*)+$`, 'u');

/**
 * Whether a block holds a slash, an opening bracket, " via " or "Courtesy": a credit of any kind but
 * a bare agency's name holds one (SLASH_CREDIT_SOURCE and AGENCY_CREDIT_SOURCE a slash,
 * VIA_CREDIT_SOURCE " via ", BRACKETED_CREDIT_SOURCE a bracket, COURTESY_CREDIT_SOURCE "Courtesy"). Most blocks are sentences that hold none, and a
 * plain search for them costs far less than trying CREDIT_ONLY's alternatives at a block's start
 * (that was the hottest step of the furniture rules in a profile of the CNN pages).
 */
function hasCreditPunctuation(text: string): boolean {
  return text.includes('/') || text.includes('(') || text.includes(' via ') || text.includes('Courtesy');
}

/** The block is a credit line and nothing else ("Erin Scott/Getty Images", "Getty Images"). */
export function isCreditOnly(block: string): boolean {
  if (block.length > 2 * CREDIT_MAX_CHARS) return false;
  const only = hasCreditPunctuation(block) ? CREDIT_ONLY : AGENCIES_ONLY;
  return only.test(block) && hasCreditMark(block);
}

/**
 * What tells a credit from a run of capitalised words: an agency, "via", "Photo", or a slash with
 * a name of two words or more beside it ("Zia Nabavi/Twitter"; "AC/DC" is a band).
 */
function hasCreditMark(block: string): boolean {
  return (
    /\bvia\b|^\(|^Courtesy\b|[\p{L}.] [\p{L}][^/]*\/|\/ ?[\p{L}][^/ ]* [\p{L}]/u.test(block) ||
    AGENCY_PART.test(block) ||
    isAgency(block)
  );
}

/** The longest agency's name: a name ending a block lies within this many characters of its end. */
const AGENCY_MAX_CHARS = Math.max(...AGENCIES.map((a) => a.length));

/** An agency's name ending a block. */
const AGENCY_AT_END = new RegExp(`${AGENCY}$`, 'u');

/** An agency as a part of a slash credit ("…/AP", "AFP/…"). */
const AGENCY_PART = new RegExp(`(?:^|/ ?)${AGENCY}(?: ?/|$)`, 'u');

/** An agency's name and nothing else (made once: a RegExp made per call was a cost per block). */
const AGENCY_ONLY = new RegExp(`^${AGENCY}$`, 'u');

function isAgency(text: string): boolean {
  return AGENCY_ONLY.test(text.trim());
}

/** The credit that ends `block`, if any: "Gregory Bull/AP" in "People stand on lava rock. Gregory Bull/AP". */
export function trailingCredit(block: string): string | null {
  if (/[.!?:;,"”]$/.test(block)) return null;
  const end = tail(block);
  // every credit but a bracketed one, a "Courtesy" one or an agency's name holds a slash or " via ",
  // and a bracketed one ends the block with ")": most blocks are not searched
  if (
    !end.includes('/') &&
    !end.includes(' via ') &&
    !end.endsWith(')') &&
    !end.includes('Courtesy') &&
    !AGENCY_AT_END.test(end.slice(-AGENCY_MAX_CHARS))
  )
    return null;
  const m = TRAILING_CREDIT.exec(end);
  return m ? m[0] : null;
}

/** The credit that opens `block`, if any, followed by the caption's first word. */
export function leadingCredit(block: string): string | null {
  const start = block.slice(0, 2 * CREDIT_MAX_CHARS);
  if (!start.includes('/')) return null;
  const m = LEADING_CREDIT.exec(start);
  return m ? m[0].trim() : null;
}

/**
 * How many slashes, opening brackets and " via " the block holds: at least as many as the certain
 * credits in it (each has one of its own), and counted without a regular expression's search.
 */
export function creditMarkCount(block: string): number {
  let marks = 0;
  for (let i = block.indexOf('/'); i >= 0; i = block.indexOf('/', i + 1)) marks++;
  for (let i = block.indexOf('('); i >= 0; i = block.indexOf('(', i + 1)) marks++;
  for (let i = block.indexOf(' via '); i >= 0; i = block.indexOf(' via ', i + 1)) marks++;
  return marks;
}

/** How many credits that a slash-and-agency, a `via` or a bracket makes certain the block holds. */
export function certainCreditCount(block: string): number {
  return block.match(CERTAIN_CREDIT)?.length ?? 0;
}

/**
 * A pattern searched only where a plain one finds what its every match contains (its "needle"):
 * the same answer, for much less. Case-insensitive Unicode patterns (`iu`) are several times slower
 * to search than plain ones (every letter and `\b` allows for case folding: "ſ" is an "s", "K" a
 * "k"), and a pattern that opens with a sentence's start is tried at every full stop; they were half
 * the furniture rules' time, and most blocks hold none of their words. A case-insensitive needle is
 * written in letters that nothing else folds to (not "s" or "k").
 */
export function withNeedle(needle: RegExp, pattern: RegExp): (text: string) => boolean {
  return (text) => needle.test(text) && pattern.test(text);
}

/** Whitespace-separated words. */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** The block ends as a sentence does: a full stop, question or exclamation mark, perhaps inside a quotation. */
export function endsSentence(text: string): boolean {
  return /[.!?…]["”’')\]]*$/.test(text);
}
