import { describe, expect, it } from 'vitest';
import { readAsking } from '../../../src/queries/asking.js';

describe('ways of asking (asking.ts)', () => {
  it('reads chat words as the shape of the question, not its topic', () => {
    expect(readAsking('latest on gronk')).toMatchObject({ topic: 'gronk', newestFirst: true });
    expect(readAsking('what happened with bill cosby').topic).toBe('bill cosby');
    expect(readAsking('news about the rail strike').topic).toBe('the rail strike');
    expect(readAsking('any updates on the ferry?').topic).toBe('the ferry?');
    expect(readAsking('ferry news').topic).toBe('ferry');
    // a way of asking with nothing after it is searched as it is
    expect(readAsking('latest').topic).toBe('latest');
    // a question that only starts like one keeps its words
    expect(readAsking('Which wildly popular show was green lit?').topic).toBe(
      'Which wildly popular show was green lit?',
    );
  });

  it('reads "what did X say about Y" as X\'s words on Y', () => {
    expect(readAsking('what did biden say about the pandemic?')).toMatchObject({
      speaker: 'biden',
      about: 'the pandemic',
      topic: 'biden the pandemic',
    });
    expect(readAsking('What did Lavrov say?')).toMatchObject({ speaker: 'Lavrov', about: '' });
    expect(readAsking('what did he say').speaker).toBeNull();
  });
});
