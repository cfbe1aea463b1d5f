import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { addressKey, clientAddressOf, compileTrust } from './client-address.js';

const request = (remoteAddress: string | undefined, forwardedFor?: string) =>
  ({
    socket: { remoteAddress },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

describe('the client address behind proxies', () => {
  it('believes X-Forwarded-For only from trusted hops and takes the right-most untrusted address', () => {
    const loopback = compileTrust('loopback');
    // The gateway on loopback names the visitor: believed.
    expect(clientAddressOf(request('127.0.0.1', '198.51.100.7'), loopback)).toBe('198.51.100.7');
    // Whatever the visitor wrote in front of it is not.
    expect(clientAddressOf(request('127.0.0.1', '6.6.6.6, 198.51.100.7'), loopback)).toBe('198.51.100.7');
    // A client that is not a trusted hop cannot name itself.
    expect(clientAddressOf(request('203.0.113.9', '6.6.6.6'), loopback)).toBe('203.0.113.9');
    // A configured proxy subnet is a hop too.
    const withProxy = compileTrust('loopback, 10.0.0.0/8');
    expect(clientAddressOf(request('127.0.0.1', '198.51.100.7, 10.1.2.3'), withProxy)).toBe('198.51.100.7');
  });

  it('reads true, false and hop counts as Express does', () => {
    expect(clientAddressOf(request('127.0.0.1', '6.6.6.6, 198.51.100.7'), compileTrust(false))).toBe(
      '127.0.0.1',
    );
    expect(clientAddressOf(request('127.0.0.1', '6.6.6.6, 198.51.100.7'), compileTrust(1))).toBe(
      '198.51.100.7',
    );
    expect(clientAddressOf(request('127.0.0.1', '6.6.6.6, 198.51.100.7'), compileTrust(true))).toBe(
      '6.6.6.6',
    );
  });

  it('says "unknown" when the socket has gone', () => {
    expect(clientAddressOf(request(undefined), compileTrust('loopback'))).toBe('unknown');
  });
});

describe('the key a limit counts an address under', () => {
  it('is the same for an IPv4 address and its IPv4-mapped IPv6 form', () => {
    expect(addressKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(addressKey('198.51.100.7')).toBe('198.51.100.7');
  });

  it('groups IPv6 addresses by their /64, which one subscriber holds', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:3::1')).not.toBe(addressKey('2001:db8:1:2::1'));
  });

  it('keeps what is not an address as it is', () => {
    expect(addressKey('unknown')).toBe('unknown');
  });
});
