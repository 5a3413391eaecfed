import { BlockList, isIP } from 'node:net';

// TRUST_PROXY: which peers may say, in X-Forwarded-For, who the client is. Off by default: a
// header any client can write is believed only from a proxy the operator named, so no one picks a
// fresh rate allowance (or connection allowance) by writing a new address into it.

/**
 * Trust no one (null), the `hops` nearest proxies whoever they are (the server is reachable only
 * through them), or the peers at these addresses (IPs, CIDR ranges, or the named ranges below).
 */
export type TrustProxy = { hops: number } | { addresses: string[] };

/** The named ranges Fastify's trustProxy (proxy-addr) knows, as subnets. */
const NAMED_RANGES: Record<string, readonly string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/** More hops than any real chain of proxies (a CDN, a load balancer, a local nginx). */
const MAX_HOPS = 10;

const OFF = /^(off|none|false|no|0)$/i;

/** TRUST_PROXY's text as a setting, or a problem to report. Unset or "off": trust no one. */
export function parseTrustProxy(raw: string | null): { value: TrustProxy | null } | { error: string } {
  if (raw === null || OFF.test(raw.trim())) return { value: null };
  const text = raw.trim();
  if (/^(true|on|yes|all|\*)$/i.test(text))
    return {
      error: `TRUST_PROXY=${text} would believe X-Forwarded-For from anyone, so any client could choose its own address: give the proxies' addresses (e.g. "loopback" or "10.0.0.5") or their number of hops`,
    };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > MAX_HOPS)
      return { error: `TRUST_PROXY must be a number of hops from 1 to ${MAX_HOPS}, got "${text}"` };
    return { value: { hops } };
  }
  const addresses = text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = addresses.filter((a) => !addRange(new BlockList(), a));
  if (bad.length)
    return {
      error: `TRUST_PROXY must be off, a number of hops, or a comma-separated list of proxy addresses (IPs, CIDR ranges, loopback, linklocal, uniquelocal); not addresses: ${bad.join(', ')}`,
    };
  return { value: { addresses } };
}

/** Adds one IP, CIDR range or named range to `list`; false when it is none of those. */
function addRange(list: BlockList, entry: string): boolean {
  const named = NAMED_RANGES[entry.toLowerCase()];
  if (named) return named.every((range) => addRange(list, range));
  const [ip = '', prefix, extra] = entry.split('/');
  const family = isIP(ip);
  if (!family || extra !== undefined) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (prefix === undefined) {
    list.addAddress(ip, type);
    return true;
  }
  const bits = Number(prefix);
  if (!/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128)) return false;
  list.addSubnet(ip, bits, type);
  return true;
}

/** An address as the socket gives it, IPv4-mapped IPv6 (`::ffff:10.0.0.5`) read as the IPv4 address. */
function plainAddress(address: string): { ip: string; type: 'ipv4' | 'ipv6' } | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1]! : address;
  const family = isIP(ip);
  return family ? { ip, type: family === 4 ? 'ipv4' : 'ipv6' } : null;
}

/**
 * The test Fastify's trustProxy takes (`address`, its `hop` counted from the server), and which
 * the connection cap asks with hop 0 ("is this peer a proxy?"). Null setting: no one is trusted.
 */
export function trustFunction(setting: TrustProxy | null): (address: string, hop: number) => boolean {
  if (setting === null) return () => false;
  if ('hops' in setting) return (_address, hop) => hop < setting.hops;
  const list = new BlockList();
  for (const entry of setting.addresses) addRange(list, entry);
  return (address) => {
    const plain = plainAddress(address);
    return plain !== null && list.check(plain.ip, plain.type);
  };
}
