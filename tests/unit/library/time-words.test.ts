import { describe, expect, it } from 'vitest';
import { parseMoment, RECENT_DAYS, readTimeWords } from '../../../src/library/time-words.js';

/** The window a question's time words name, asked at `now`, as "since..until". */
function windowOf(question: string, now: string): string | null {
  const { window } = readTimeWords(question, new Date(now));
  return window ? `${window.since ?? ''}..${window.until ?? ''}` : null;
}

// 2022-09-29 is a Thursday
const THURSDAY = '2022-09-29T15:00:00Z';

describe('readTimeWords: weeks run Monday to Sunday, days are UTC days', () => {
  it('reads this week and last week around a Thursday', () => {
    expect(windowOf('Who resigned this week?', THURSDAY)).toBe('2022-09-26..2022-10-02');
    expect(windowOf('Who resigned last week?', THURSDAY)).toBe('2022-09-19..2022-09-25');
    expect(windowOf('What happened earlier this week?', THURSDAY)).toBe('2022-09-26..2022-10-02');
  });

  it('starts the week on Monday and ends it late on Sunday, in UTC', () => {
    expect(windowOf('this week', '2022-09-26T00:00:00Z')).toBe('2022-09-26..2022-10-02');
    expect(windowOf('this week', '2022-10-02T23:59:59Z')).toBe('2022-09-26..2022-10-02');
    // 00:30 on Monday in UTC is still Sunday west of Greenwich: UTC decides
    expect(windowOf('this week', '2022-10-03T00:30:00Z')).toBe('2022-10-03..2022-10-09');
    expect(windowOf('this week', '2022-10-02T23:30:00-05:00')).toBe('2022-10-03..2022-10-09');
  });

  it('reads months at their boundaries', () => {
    expect(windowOf('this month', '2022-10-01T00:00:00Z')).toBe('2022-10-01..2022-10-31');
    expect(windowOf('last month', '2022-10-01T00:00:00Z')).toBe('2022-09-01..2022-09-30');
    expect(windowOf('last month', '2022-09-30T23:59:59Z')).toBe('2022-08-01..2022-08-31');
  });

  it('crosses the year end', () => {
    // 2023-01-01 is a Sunday: its week began in 2022
    expect(windowOf('this week', '2023-01-01T12:00:00Z')).toBe('2022-12-26..2023-01-01');
    expect(windowOf('last week', '2023-01-01T12:00:00Z')).toBe('2022-12-19..2022-12-25');
    expect(windowOf('last month', '2023-01-01T12:00:00Z')).toBe('2022-12-01..2022-12-31');
    expect(windowOf('this year', '2023-01-01T12:00:00Z')).toBe('2023-01-01..2023-12-31');
    expect(windowOf('last year', '2023-01-01T12:00:00Z')).toBe('2022-01-01..2022-12-31');
    expect(windowOf('What happened in December?', '2023-01-01T12:00:00Z')).toBe('2022-12-01..2022-12-31');
    expect(windowOf('yesterday', '2023-01-01T12:00:00Z')).toBe('2022-12-31..2022-12-31');
  });

  it('knows leap days', () => {
    expect(windowOf('today', '2024-02-29T08:00:00Z')).toBe('2024-02-29..2024-02-29');
    expect(windowOf('this month', '2024-02-29T08:00:00Z')).toBe('2024-02-01..2024-02-29');
    expect(windowOf('yesterday', '2024-03-01T08:00:00Z')).toBe('2024-02-29..2024-02-29');
    expect(windowOf('last month', '2024-03-01T08:00:00Z')).toBe('2024-02-01..2024-02-29');
    expect(windowOf('last month', '2023-03-01T08:00:00Z')).toBe('2023-02-01..2023-02-28');
  });

  it('takes a month or weekday without a year as the most recent one not after now', () => {
    expect(windowOf('What happened in June?', '2023-03-15T12:00:00Z')).toBe('2022-06-01..2022-06-30');
    expect(windowOf('What happened in June?', '2022-06-10T12:00:00Z')).toBe('2022-06-01..2022-06-30');
    expect(windowOf('What did the minister say on Monday?', THURSDAY)).toBe('2022-09-26..2022-09-26');
    expect(windowOf('What did the minister say on Thursday?', THURSDAY)).toBe('2022-09-29..2022-09-29');
    expect(windowOf('What did Biden say Tuesday?', THURSDAY)).toBe('2022-09-27..2022-09-27');
  });

  it('reads years, since, weekends, recently, today and yesterday', () => {
    expect(windowOf('Who won the league in 2021?', THURSDAY)).toBe('2021-01-01..2021-12-31');
    expect(windowOf('What has changed since March?', THURSDAY)).toBe('2022-03-01..2022-09-29');
    expect(windowOf('What happened over the weekend?', THURSDAY)).toBe('2022-09-24..2022-09-25');
    expect(windowOf('What happened over the weekend?', '2022-10-02T09:00:00Z')).toBe(
      '2022-10-01..2022-10-02',
    );
    expect(windowOf('Which show was recently renewed?', THURSDAY)).toBe(
      `${new Date(Date.parse('2022-09-29') - (RECENT_DAYS - 1) * 86_400_000).toISOString().slice(0, 10)}..2022-09-29`,
    );
    expect(windowOf('What happened today?', THURSDAY)).toBe('2022-09-29..2022-09-29');
    expect(windowOf('What happened yesterday?', THURSDAY)).toBe('2022-09-28..2022-09-28');
    expect(windowOf('between June and August', THURSDAY)).toBe('2022-06-01..2022-08-31');
    expect(windowOf('before 2020', THURSDAY)).toBe('..2019-12-31');
  });

  it('removes the time words from what is searched, and names the window', () => {
    expect(
      readTimeWords('Which country saw its prime minister resign this week?', new Date(THURSDAY)),
    ).toEqual({
      query: 'Which country saw its prime minister resign?',
      window: { since: '2022-09-26', until: '2022-10-02' },
      label: 'from the week of 26 Sep 2022',
    });
    expect(readTimeWords('rail strike since March', new Date(THURSDAY)).label).toBe('since 1 Mar 2022');
    expect(readTimeWords('rail strike in June', new Date(THURSDAY)).label).toBe('from June 2022');
  });

  it('takes the lead-in words along with the time words, so they are not searched', () => {
    const searched = (q: string) => readTimeWords(q, new Date(THURSDAY)).query;
    expect(searched('ferry strike in the last week')).toBe('ferry strike');
    expect(searched('ferry strike from last month')).toBe('ferry strike');
    expect(searched('ferry strike within the past two weeks')).toBe('ferry strike');
    expect(searched('ferry strike over the past few days')).toBe('ferry strike');
    expect(searched('What happened to the ferry this past week?')).toBe('What happened to the ferry?');
    expect(searched('In the last week, who won the ferry race?')).toBe('who won the ferry race?');
    // the lead-ins change nothing of the days read
    expect(windowOf('ferry strike in the last week', THURSDAY)).toBe(
      windowOf('ferry strike last week', THURSDAY),
    );
    expect(windowOf('ferry strike within the past two weeks', THURSDAY)).toBe(
      windowOf('ferry strike past two weeks', THURSDAY),
    );
  });

  it('leaves names and numbers that only look like dates alone', () => {
    for (const question of [
      'Who led the march on Washington?',
      'What did the Sun report about the prince?',
      'Which official tested positive for Covid-19?',
      'Who hosts Saturday Night Live?',
      'Who won the 2022 World Cup?',
      'What happened on 9/11?',
      'volcano eruption',
    ]) {
      const read = readTimeWords(question, new Date(THURSDAY));
      expect(read, question).toEqual({ query: question, window: null, label: null });
    }
  });
});

describe('readTimeWords: a range reads its two ends together', () => {
  // 2022-07-01 is a Friday
  const JULY_1 = '2022-07-01T12:00:00Z';

  it('places the end at the first such date not before the start, so a range around now is this one', () => {
    for (const q of ['between June and August', 'from June to August', 'June to August', 'June-August'])
      expect(windowOf(`floods ${q}`, JULY_1), q).toBe('2022-06-01..2022-08-31');
    expect(windowOf('from May to July', JULY_1)).toBe('2022-05-01..2022-07-31');
    expect(windowOf('from June through August', JULY_1)).toBe('2022-06-01..2022-08-31');
    // wholly after now: last year's
    expect(windowOf('between August and October', JULY_1)).toBe('2021-08-01..2021-10-31');
  });

  it('crosses a year end', () => {
    expect(windowOf('between November and February', '2023-01-15T12:00:00Z')).toBe('2022-11-01..2023-02-28');
    expect(windowOf('between November and February', JULY_1)).toBe('2021-11-01..2022-02-28');
    expect(windowOf('between December and January', '2023-01-15T12:00:00Z')).toBe('2022-12-01..2023-01-31');
    expect(windowOf('between 28 December and 3 January', '2023-01-02T12:00:00Z')).toBe(
      '2022-12-28..2023-01-03',
    );
    expect(windowOf('from 28 December to 3 January', JULY_1)).toBe('2021-12-28..2022-01-03');
  });

  it('reads days of one month, the month and year shared by both days', () => {
    expect(windowOf('between 1 and 5 May', JULY_1)).toBe('2022-05-01..2022-05-05');
    expect(windowOf('between 1 and 5 May', '2022-05-03T12:00:00Z')).toBe('2022-05-01..2022-05-05');
    expect(windowOf('between 1 and 5 May', '2022-04-20T12:00:00Z')).toBe('2021-05-01..2021-05-05');
    expect(windowOf('from 1 to 5 May', JULY_1)).toBe('2022-05-01..2022-05-05');
    expect(windowOf('1-5 May 2020', JULY_1)).toBe('2020-05-01..2020-05-05');
    expect(windowOf('May 1-5', JULY_1)).toBe('2022-05-01..2022-05-05');
    expect(windowOf('between May 1 and 5', JULY_1)).toBe('2022-05-01..2022-05-05');
    expect(windowOf('between May 1 and May 5', JULY_1)).toBe('2022-05-01..2022-05-05');
    expect(windowOf('from 3 May to 10 May', JULY_1)).toBe('2022-05-03..2022-05-10');
    expect(windowOf('between 28 and 29 February', '2024-07-01T12:00:00Z')).toBe('2024-02-28..2024-02-29');
    // no 29 February in 2022: no range into March, no window
    expect(windowOf('between 28 and 29 February', JULY_1)).toBeNull();
    // a list of days is no range: the last named day
    expect(windowOf('strikes on 1 and 5 May', JULY_1)).toBe('2022-05-05..2022-05-05');
  });

  it('places a start without its year by an end that names one, and the reverse', () => {
    expect(windowOf('from March to May 2021', JULY_1)).toBe('2021-03-01..2021-05-31');
    expect(windowOf('from November to February 2021', JULY_1)).toBe('2020-11-01..2021-02-28');
    expect(windowOf('from March 2021 to May', JULY_1)).toBe('2021-03-01..2021-05-31');
    expect(windowOf('between 2019 and 2021', JULY_1)).toBe('2019-01-01..2021-12-31');
    expect(windowOf('from September to now', JULY_1)).toBe('2021-09-01..2022-07-01');
  });

  it('reads weekdays and relative words as ranges too', () => {
    expect(windowOf('since last Monday', JULY_1)).toBe('2022-06-27..2022-07-01');
    expect(windowOf('between Monday and Wednesday', JULY_1)).toBe('2022-06-27..2022-06-29');
    // asked on a Tuesday: last Friday to yesterday
    expect(windowOf('between Friday and Monday', '2022-07-05T12:00:00Z')).toBe('2022-07-01..2022-07-04');
    expect(windowOf('from last week to this week', JULY_1)).toBe('2022-06-20..2022-07-03');
  });

  it('reads "since" a month not yet come this year as last year\'s', () => {
    expect(windowOf('since March', '2022-02-10T12:00:00Z')).toBe('2021-03-01..2022-02-10');
  });

  it('names in its label the days its window holds, and searches the words outside it', () => {
    const read = readTimeWords('rail strikes between June and August', new Date(JULY_1));
    expect(read).toEqual({
      query: 'rail strikes',
      window: { since: '2022-06-01', until: '2022-08-31' },
      label: 'from 1 Jun 2022 to 31 Aug 2022',
    });
    expect(readTimeWords('rail strikes between 1 and 5 May', new Date(JULY_1))).toEqual({
      query: 'rail strikes',
      window: { since: '2022-05-01', until: '2022-05-05' },
      label: 'from 1 May 2022 to 5 May 2022',
    });
  });

  it('leaves numbers that are no days alone', () => {
    // a score before a month is no range of days
    expect(windowOf('Arsenal won 2-1 May', JULY_1)).toBeNull();
    expect(readTimeWords('between 1 and 5 people died in May', new Date(JULY_1)).query).toBe(
      'between 1 and 5 people died',
    );
  });
});

describe('parseMoment (--now)', () => {
  it('takes a day, an ISO time or none', () => {
    expect(parseMoment('2022-09-02')).toEqual({ now: new Date('2022-09-02T00:00:00Z') });
    expect(parseMoment('2022-09-02T15:04:05Z')).toEqual({ now: new Date('2022-09-02T15:04:05Z') });
    expect(parseMoment('2022-09-02T15:04:05+02:00')).toEqual({ now: new Date('2022-09-02T13:04:05Z') });
    expect(parseMoment('none')).toEqual({ now: null });
  });

  it('refuses anything else with a message', () => {
    for (const bad of [
      '2022-02-30',
      '2022-13-01',
      'yesterday',
      '02/09/2022',
      '2022-09-02T25:00:00Z',
      '2022',
    ]) {
      expect(parseMoment(bad), bad).toEqual({ error: expect.stringMatching(/--now must be a day/) });
    }
  });
});
