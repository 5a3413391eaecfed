// The questions `npm run bench` times /news with, shared with tools/news-p50.mjs (which times
// any build, older ones included, with this checkout's list).

/** Questions people ask of a general news archive (the BBC set covers 2004-2005 business, politics, sport, tech, entertainment). */
export const NEWS_QUERIES = [
  'What did Tony Blair say about the election?',
  'oil prices record high',
  'Google shares results',
  'Why did the dollar fall against the euro?',
  'Chelsea win the league',
  'Who won the Oscar for best actor?',
  'mobile phone sales growth',
  'Gordon Brown budget tax',
  'identity cards bill',
  'Wales rugby Six Nations',
  'video games console launch',
  'When will the Microsoft antivirus software be released?',
  'Yukos bankruptcy auction',
  'Glazer Manchester United takeover',
  'music downloads chart',
  'interest rates Bank of England',
  'Kilroy-Silk Veritas party',
  'Arsenal Champions League defeat',
  'spam email viruses',
  'box office film hit',
  'How many jobs will be cut?',
  'Iraq war legal advice attorney general',
  'tennis Australian Open final',
  'broadband internet users',
  'airline profits fuel costs',
  'Conservative immigration policy Howard',
  'US trade deficit',
  'digital cameras',
  'Lib Dems Kennedy tuition fees',
  'Davis Cup',
];
/**
 * Run once before measuring, so that compiling the code (JIT) is not counted as query time. They
 * differ from the measured queries, so the measured ones still find most candidates unanalysed,
 * as a running bot does.
 */
export const WARMUP_QUERIES = [
  'stock market shares fall',
  'Who will lead the party?',
  'football transfer fee',
  'new album release',
  'software security flaw',
];
