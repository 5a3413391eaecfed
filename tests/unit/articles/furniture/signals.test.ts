// The credit signals' quick paths (a block with no slash, bracket or " via " is not searched with
// the full credit patterns) must give what the full patterns give.
import { describe, expect, it } from 'vitest';
import { isCreditOnly, trailingCredit } from '../../../../src/articles/furniture/signals.js';

describe('isCreditOnly', () => {
  it("takes agencies' names alone, with no slash, bracket or via", () => {
    expect(isCreditOnly('Getty Images')).toBe(true);
    expect(isCreditOnly('USA TODAY Sports')).toBe(true);
  });

  it('takes slash, bracketed and via credits', () => {
    expect(isCreditOnly('Ann Roe/Getty Images')).toBe(true);
    expect(isCreditOnly('(Photo by Ann Roe/AFP)')).toBe(true);
    expect(isCreditOnly('Ann Roe/AFP via Getty Images')).toBe(true);
  });

  it('refuses sentences and capitalised runs that are no credit', () => {
    expect(isCreditOnly('The ferry council met on Tuesday.')).toBe(false);
    expect(isCreditOnly('Getty Images said the ferry was late')).toBe(false);
    expect(isCreditOnly('Harbour Road')).toBe(false);
    expect(isCreditOnly('AC/DC')).toBe(false);
  });
});

describe('trailingCredit', () => {
  it('finds a credit closing a caption: slash, via, bracketed, or an agency after a sentence', () => {
    expect(trailingCredit('Boats wait in the harbour. Ann Roe/AP')).toMatch(/Ann Roe\/AP$/);
    expect(trailingCredit('Boats wait in the harbour. Ann Roe/AFP via Getty Images')).toBe(
      'Ann Roe/AFP via Getty Images',
    );
    expect(trailingCredit('Boats wait in the harbour (Photo by Ann Roe)')).toBe('(Photo by Ann Roe)');
    expect(trailingCredit('Boats wait in the harbour. Reuters')).toBe('Reuters');
    expect(trailingCredit('Boats wait. (Photo by Ann Roe/AFP via Getty Images)')).toBe(
      '(Photo by Ann Roe/AFP via Getty Images)',
    );
  });

  it('finds none where the block ends with no credit, brackets inside it or not', () => {
    expect(trailingCredit('The ferry (the old one) was late')).toBeNull();
    expect(trailingCredit('The ferry was late (again)')).toBeNull();
    expect(trailingCredit('The ferry was late on Tuesday')).toBeNull();
    expect(trailingCredit('The ferry was late.')).toBeNull();
  });
});
