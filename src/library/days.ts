// Days, the unit of every date in the library: articles are dated by day (YYYY-MM-DD, in UTC), and
// time words, freshness and stories count in days.

/** Milliseconds in a day (UTC has no daylight saving: every day is this long). */
export const DAY_MS = 86_400_000;
