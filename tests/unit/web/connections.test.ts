import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConnectionCap, clientKey } from '../../../src/web/connections.js';

describe('ConnectionCap', () => {
  /** A socket as the cap sees it: an address, a close event, destroy. */
  function fakeSocket(remoteAddress: string) {
    const socket = Object.assign(new EventEmitter(), {
      remoteAddress,
      destroyed: false,
      destroy() {
        socket.destroyed = true;
        return socket;
      },
    });
    return socket;
  }
  const admit = (cap: ConnectionCap, address: string) => {
    const socket = fakeSocket(address);
    return { socket, admitted: cap.admit(socket as unknown as Socket) };
  };

  it('one IPv6 client is its /64: a fresh address of its block takes no fresh share', () => {
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8:1:2::ffff')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:0db8:0001:0002:0:0:0:1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientKey('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(clientKey('10.0.0.1')).toBe('10.0.0.1');
    const cap = new ConnectionCap({ total: 100, perAddress: 2 });
    expect(admit(cap, '2001:db8:1:2::a').admitted).toBe(true);
    expect(admit(cap, '2001:db8:1:2::b').admitted).toBe(true);
    const third = admit(cap, '2001:db8:1:2::c');
    expect(third.admitted).toBe(false);
    expect(third.socket.destroyed).toBe(true);
    expect(admit(cap, '2001:db8:1:3::a').admitted).toBe(true);
  });

  it('a closed connection gives its place back; an exempt peer is never counted', () => {
    const cap = new ConnectionCap({ total: 100, perAddress: 1 }, (a) => a === '10.0.0.9');
    const first = admit(cap, '10.0.0.1');
    expect(admit(cap, '10.0.0.1').admitted).toBe(false);
    first.socket.emit('close');
    expect(cap.openFrom('10.0.0.1')).toBe(0);
    expect(admit(cap, '10.0.0.1').admitted).toBe(true);
    for (let i = 0; i < 5; i++) expect(admit(cap, '10.0.0.9').admitted).toBe(true);
    expect(cap.openFrom('10.0.0.9')).toBe(0);
    expect(cap.refused).toBe(1);
  });
});
