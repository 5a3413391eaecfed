import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** How many connections the web server holds open at once, in all and per client address. */
export interface ConnectionCaps {
  total: number;
  perAddress: number;
}

/**
 * Whose connection it is: an IPv4 address (IPv4-mapped IPv6 read as IPv4), or the /64 network of
 * an IPv6 address, the block one subscriber (one home, one server) is given, so a client cannot
 * take a fresh share with each of its 2^64 addresses.
 */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.toLowerCase().split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * Open connections per client (clientKey), with a cap: a connection over its client's share is closed
 * the moment it opens, before any of its bytes are read, so one client holding many slow sockets
 * uses up its own share and no one else's. Peers that `exempt` names (trusted proxies, which carry
 * many clients' requests) count only towards the total, which Node enforces (`maxConnections`).
 */
export class ConnectionCap {
  private readonly open = new Map<string, number>();
  /** Connections closed at once because their address was over its share. */
  refused = 0;

  constructor(
    private readonly caps: ConnectionCaps,
    private readonly exempt: (address: string) => boolean = () => false,
    /** Told of each connection closed as it opened, and which cap it was over. */
    private readonly onRefused: (cap: 'address' | 'total') => void = () => {},
  ) {}

  /** Applies the caps to `server`'s connections from now on. */
  attach(server: Server): void {
    server.maxConnections = this.caps.total;
    server.on('drop', () => this.onRefused('total'));
    // before the HTTP parser's own listener: a refused socket is destroyed before it reads a byte
    server.prependListener('connection', (socket: Socket) => this.admit(socket));
  }

  /** Counts `socket` against its address, or destroys it when the address is over its share. */
  admit(socket: Socket): boolean {
    const address = socket.remoteAddress;
    if (address === undefined) {
      // already gone: nothing to count
      socket.destroy();
      return false;
    }
    if (this.exempt(address)) return true;
    const key = clientKey(address);
    const count = this.open.get(key) ?? 0;
    if (count >= this.caps.perAddress) {
      this.refused += 1;
      this.onRefused('address');
      socket.destroy();
      return false;
    }
    this.open.set(key, count + 1);
    socket.once('close', () => {
      const left = (this.open.get(key) ?? 1) - 1;
      if (left > 0) this.open.set(key, left);
      else this.open.delete(key);
    });
    return true;
  }

  /** Open connections from `address` (its clientKey). */
  openFrom(address: string): number {
    return this.open.get(clientKey(address)) ?? 0;
  }
}
