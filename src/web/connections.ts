import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** How many connections the web server holds open at once, in all and per client address. */
export interface ConnectionCaps {
  total: number;
  perAddress: number;
}

/**
 * Open connections per client address, with a cap: a connection over its address's share is closed
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
  ) {}

  /** Applies the caps to `server`'s connections from now on. */
  attach(server: Server): void {
    server.maxConnections = this.caps.total;
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
    const count = this.open.get(address) ?? 0;
    if (count >= this.caps.perAddress) {
      this.refused += 1;
      socket.destroy();
      return false;
    }
    this.open.set(address, count + 1);
    socket.once('close', () => {
      const left = (this.open.get(address) ?? 1) - 1;
      if (left > 0) this.open.set(address, left);
      else this.open.delete(address);
    });
    return true;
  }

  /** Open connections from `address` (for tests and metrics). */
  openFrom(address: string): number {
    return this.open.get(address) ?? 0;
  }
}
