import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/commands/index.js';
import { definition as news } from '../../../src/commands/news.js';
import {
  dateBound,
  dateRangeOptions,
  parseCommandLine,
  validateOptions,
} from '../../../src/commands/options.js';

const definitions = COMMANDS.map((c) => c.definition);

describe('parseCommandLine', () => {
  it('reads Discord option syntax, values with spaces included', () => {
    expect(parseCommandLine('/news query:Lavrov talks limit:5', definitions)).toEqual({
      name: 'news',
      raw: { query: 'Lavrov talks', limit: '5' },
    });
    expect(parseCommandLine('/news limit:2 query:who said "no"? since:2026-01-01', definitions)).toEqual({
      name: 'news',
      raw: { limit: '2', query: 'who said "no"?', since: '2026-01-01' },
    });
  });

  it('takes bare text after the name as the query', () => {
    expect(parseCommandLine('/news What did Lavrov say about Macron?', definitions)).toEqual({
      name: 'news',
      raw: { query: 'What did Lavrov say about Macron?' },
    });
  });

  it('does not take a word that merely ends in an option name for that option', () => {
    // "unlimited" is not `limit`: it is an unknown option, named as such
    expect(parseCommandLine('/news the unlimited:offer', definitions)).toEqual({
      error: expect.stringMatching(
        /^\/news has no option `unlimited` \(options: query, limit, since, until, hide, mention\)/,
      ),
    });
    expect(parseCommandLine('/news query:"the unlimited:offer"', definitions)).toEqual({
      name: 'news',
      raw: { query: 'the unlimited:offer' },
    });
  });

  it('refuses an option given twice, the bare query and query: included', () => {
    expect(parseCommandLine('/news query:ferry limit:2 limit:5', definitions)).toEqual({
      error: '`limit` is given twice; give each option once.',
    });
    expect(parseCommandLine('/news ferry query:rail', definitions)).toEqual({
      error: expect.stringMatching(/`query` is given twice \(the text after \/news is the query\)/),
    });
    expect(parseCommandLine('/news query:ferry LIMIT:2 limit:3', definitions)).toMatchObject({
      error: expect.stringMatching(/`limit` is given twice/),
    });
  });

  it('refuses an unknown name:value, naming the known options', () => {
    expect(parseCommandLine('/news query:ferry colour:red', definitions)).toEqual({
      error: expect.stringMatching(
        /no option `colour` \(options: query, limit, since, until, hide, mention\)/,
      ),
    });
    expect(parseCommandLine('/help foo:bar', definitions)).toEqual({
      error: expect.stringMatching(/\/help has no option `foo` \(options: hide\)/),
    });
  });

  it('keeps colons that are text: times, labels, links', () => {
    for (const query of [
      'trains after 10:30 on Monday',
      'Note: the ferry timetable',
      'ratio 3:1 vote',
      'what is at https://example.org/ferry',
      'Lavrov: we are open to talks',
      'strike ends: unions',
    ]) {
      expect(parseCommandLine(`/news ${query}`, definitions), query).toEqual({
        name: 'news',
        raw: { query },
      });
      expect(parseCommandLine(`/news query:${query} limit:2`, definitions), query).toEqual({
        name: 'news',
        raw: { query, limit: '2' },
      });
    }
  });

  it('names unknown commands', () => {
    expect(parseCommandLine('/weather today', definitions)).toEqual({
      error: expect.stringMatching(/Unknown command \/weather/),
    });
    expect(parseCommandLine('   ', definitions)).toBeNull();
  });
});

describe('validateOptions', () => {
  it('coerces and checks types and ranges from the definition', () => {
    expect(validateOptions(news, { query: 'x', limit: '4', hide: 'true' })).toEqual({
      ok: true,
      options: { query: 'x', limit: 4, hide: true },
    });
    expect(validateOptions(news, { query: 'x', limit: '11' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/between 1 and 10/),
    });
    expect(validateOptions(news, { query: 'x', limit: '2.5' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/whole number/),
    });
    expect(validateOptions(news, { query: 'x', hide: 'maybe' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/true or false/),
    });
  });

  it('takes numbers written in decimal digits only', () => {
    for (const written of ['0x5', '1e1', '5.0', ' +5', '+5', '5 ', '٥', 'Infinity', '-']) {
      expect(validateOptions(news, { query: 'x', limit: written }), JSON.stringify(written)).toMatchObject({
        ok: false,
        error: expect.stringMatching(/^`limit`: must be a whole number written in decimal digits \(like 5\)/),
      });
    }
    expect(validateOptions(news, { query: 'x', limit: '07' })).toMatchObject({
      ok: true,
      options: { limit: 7 },
    });
    // from Discord the value is a number already
    expect(validateOptions(news, { query: 'x', limit: 3 })).toMatchObject({
      ok: true,
      options: { limit: 3 },
    });
  });

  it('takes a member for mention, never a role or a channel', () => {
    const id = '123456789012345678';
    for (const member of [id, `<@${id}>`, `<@!${id}>`])
      expect(validateOptions(news, { query: 'x', mention: member })).toMatchObject({
        ok: true,
        options: { mention: id },
      });
    for (const other of [`<@&${id}>`, `<#${id}>`, '@everyone', 'someone'])
      expect(validateOptions(news, { query: 'x', mention: other }), other).toMatchObject({
        ok: false,
        error: expect.stringMatching(/^`mention`: must be a member \(a mention or an id\)/),
      });
  });

  it('requires required options and refuses unknown ones', () => {
    expect(validateOptions(news, {})).toMatchObject({
      ok: false,
      error: expect.stringMatching(/needs `query`/),
    });
    expect(validateOptions(news, { query: 'x', colour: 'red' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/no option `colour`/),
    });
  });

  it('enforces the 300-character query limit', () => {
    expect(validateOptions(news, { query: 'a'.repeat(301) })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/at most 300/),
    });
  });
});

describe('dateBound and dateRangeOptions (since/until)', () => {
  it('takes a day as it is, a month or a year as its first or last day', () => {
    expect(dateBound('2022-06-12', 'since')).toBe('2022-06-12');
    expect(dateBound('2022-06', 'since')).toBe('2022-06-01');
    expect(dateBound('2022-06', 'until')).toBe('2022-06-30');
    expect(dateBound('2024-02', 'until')).toBe('2024-02-29');
    expect(dateBound('2023-02', 'until')).toBe('2023-02-28');
    expect(dateBound('2022', 'since')).toBe('2022-01-01');
    expect(dateBound('2022', 'until')).toBe('2022-12-31');
  });

  it('refuses what names no day, month or year', () => {
    for (const bad of ['2022-13', '2022-00', '2022-02-30', '22', 'June', '2022/06', '']) {
      expect(dateBound(bad, 'since'), bad).toBeNull();
    }
  });

  it('reads both options, and says what to fix', () => {
    expect(dateRangeOptions({ since: '2022-06', until: '2022' })).toEqual({
      since: '2022-06-01',
      until: '2022-12-31',
    });
    expect(dateRangeOptions({})).toEqual({ since: null, until: null });
    expect(dateRangeOptions({ since: '2022-13' })).toEqual({
      error: expect.stringMatching(/`since` must be a date as YYYY-MM-DD, YYYY-MM or YYYY/),
    });
    expect(dateRangeOptions({ since: '2023', until: '2022-12' })).toEqual({
      error: expect.stringMatching(/`since` \(2023-01-01\) is after `until` \(2022-12-31\)/),
    });
  });
});
