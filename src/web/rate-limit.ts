/** A bucket's settings: how many requests at once, and how fast the allowance comes back. */
export interface RateLimit {
  burst: number;
  perSecond: number;
}

/**
 * Token buckets per client address. Each address may make `burst` requests at once and then
 * `perSecond`; the map forgets the least recently seen address past `maxAddresses`, so a flood of
 * addresses costs bounded memory (a forgotten address starts again with a full bucket).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly maxAddresses: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token for `key`: 0 when allowed, else the seconds until the next token. */
  take(key: string): number {
    const now = this.now();
    const seen = this.buckets.get(key);
    const elapsed = seen ? (now - seen.at) / 1000 : 0;
    let tokens = seen
      ? Math.min(this.limit.burst, seen.tokens + elapsed * this.limit.perSecond)
      : this.limit.burst;
    // re-inserted on every request: the Map's first key is the least recently seen
    this.buckets.delete(key);
    if (this.buckets.size >= this.maxAddresses) this.buckets.delete(this.buckets.keys().next().value!);
    const allowed = tokens >= 1;
    if (allowed) tokens -= 1;
    this.buckets.set(key, { tokens, at: now });
    return allowed ? 0 : Math.ceil((1 - tokens) / this.limit.perSecond);
  }
}
