import { describe, expect, it } from 'vitest';
import { parseTrustProxy, trustFunction } from '../../../src/web/trust-proxy.js';

describe('TRUST_PROXY', () => {
  it('reads off, hop counts, addresses, ranges and names; refuses "true" and anything else', () => {
    for (const off of [null, 'off', 'false', '0', 'none'])
      expect(parseTrustProxy(off)).toEqual({ value: null });
    expect(parseTrustProxy('2')).toEqual({ value: { hops: 2 } });
    expect(parseTrustProxy('loopback, 10.0.0.0/8,::1')).toEqual({
      value: { addresses: ['loopback', '10.0.0.0/8', '::1'] },
    });
    for (const bad of [
      'true',
      'all',
      '*',
      '11',
      '10.0.0.0/33',
      'proxy.example.com',
      '10.0.0.1/8/2',
      'fe80::/129',
    ])
      expect(parseTrustProxy(bad)).toHaveProperty('error');
    expect((parseTrustProxy('yes') as { error: string }).error).toMatch(/from anyone/);
  });

  it('matches IPv4, IPv4-mapped IPv6, IPv6 and named ranges', () => {
    const trust = trustFunction({ addresses: ['10.0.0.0/8', 'loopback', 'fd00::/8'] });
    expect(trust('10.1.2.3', 0)).toBe(true);
    expect(trust('::ffff:10.1.2.3', 0)).toBe(true);
    expect(trust('127.0.0.1', 0)).toBe(true);
    expect(trust('::1', 0)).toBe(true);
    expect(trust('fd12::1', 0)).toBe(true);
    expect(trust('11.0.0.1', 0)).toBe(false);
    expect(trust('not an address', 0)).toBe(false);
    expect(trustFunction(null)('127.0.0.1', 0)).toBe(false);
    const hops = trustFunction({ hops: 2 });
    expect([hops('1.2.3.4', 0), hops('1.2.3.4', 1), hops('1.2.3.4', 2)]).toEqual([true, true, false]);
  });
});
