import type { FurnitureRule } from './kind.js';
import { withNeedle } from './signals.js';

/**
 * The longest video-player block, in characters: a player's label is a headline, a duration and
 * its source ("Video Ad Feedback Pelosi calls ruling a 'slap in the face' 04:21 - Source: CNN",
 * under 200 characters in the CNN pages) or a link to a clip after a line about it ("Watch this
 * video of … (Click here to view)", under 300). A longer block that mentions a clip is a paragraph.
 */
export const PLAYER_MAX_CHARS = 400;

/** A clip's running time beside its source: "04:21 - Source: CNN", "2:05 Source: Reuters". */
const DURATION_SOURCE = /\b\d{1,2}:\d{2}(?::\d{2})?\s*[-–—|]?\s*Source\s*:/u;
/** What a video player prints around a clip. */
const PLAYER_WORDS = /\b(?:Video Ad Feedback|Now [Pp]laying|Play [Vv]ideo|Replay [Vv]ideo|Watch [Nn]ow)\b/u;
/** A link to a clip: "(Click here to view)", "Click to watch", "Tap here to play the video". */
const CLIP_LINK = withNeedle(
  / to (?:vie|wat|pla)/i,
  /\b(?:Click|Tap|Press)(?: here)? to (?:view|watch|play)\b/iu,
);

/** The words of a video player around a clip: its label, its running time and source, a link to it. */
export const player: FurnitureRule = {
  kind: 'player',
  test: ({ text }) =>
    text.length <= PLAYER_MAX_CHARS &&
    (DURATION_SOURCE.test(text) || PLAYER_WORDS.test(text) || CLIP_LINK(text)),
};
