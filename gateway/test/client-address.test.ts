import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import {
  addressBucket,
  createClientAddressResolver,
  normalizeAddress,
} from '../src/identity/client-address.js';

/** A request as it reaches the gateway: a socket's peer and the headers it sent. */
function request(peer: string, headers: Record<string, string> = {}): IncomingMessage {
  const socket = { remoteAddress: peer };
  return { headers, socket, connection: socket } as unknown as IncomingMessage;
}
const SECRET = 'ein-langes-gemeinsames-geheimnis';

describe('the client address', () => {
  it('is the socket’s peer when no proxy is configured, whatever X-Forwarded-For says', () => {
    const resolve = createClientAddressResolver({ trustProxy: [], secret: undefined });
    expect(resolve(request('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }))).toEqual({
      address: '127.0.0.1',
      ignoredSecret: false,
    });
  });

  it('walks X-Forwarded-For from the right, past configured proxies only', () => {
    const resolve = createClientAddressResolver({ trustProxy: ['10.0.0.0/8'], secret: undefined });
    // What the client put on the left is ignored; the proxy appended what it saw.
    expect(resolve(request('10.1.1.1', { 'x-forwarded-for': '1.1.1.1, 203.0.113.5' }))).toMatchObject({
      address: '203.0.113.5',
    });
    // Two proxies in a row.
    expect(resolve(request('10.1.1.1', { 'x-forwarded-for': '203.0.113.5, 10.2.2.2' }))).toMatchObject({
      address: '203.0.113.5',
    });
    // A peer that is not a proxy is the client, whatever it forwards.
    expect(resolve(request('198.51.100.4', { 'x-forwarded-for': '203.0.113.5' }))).toMatchObject({
      address: '198.51.100.4',
    });
  });

  it('is the website’s visitor only with the right secret', () => {
    const resolve = createClientAddressResolver({ trustProxy: [], secret: SECRET });
    const asWebsite = (visitor: string, secret: string) =>
      resolve(request('127.0.0.1', { 'x-client-address': visitor, 'x-client-address-secret': secret }));
    expect(asWebsite('203.0.113.20', SECRET)).toEqual({ address: '203.0.113.20' });
    expect(asWebsite('203.0.113.20', 'falsch')).toMatchObject({
      refused: { status: 401, code: 'UNAUTHENTICATED' },
    });
    expect(asWebsite('kein Rechner', SECRET)).toMatchObject({
      refused: { status: 400, code: 'BAD_REQUEST' },
    });
    // The address alone is nobody's word.
    expect(resolve(request('127.0.0.1', { 'x-client-address': '203.0.113.20' }))).toMatchObject({
      address: '127.0.0.1',
    });
    // A gateway without the secret cannot check it: it says so (a log line) and uses the peer.
    const withoutSecret = createClientAddressResolver({ trustProxy: [], secret: undefined });
    expect(
      withoutSecret(
        request('127.0.0.1', { 'x-client-address': '203.0.113.20', 'x-client-address-secret': SECRET }),
      ),
    ).toEqual({ address: '127.0.0.1', ignoredSecret: true });
  });

  it('has one spelling, and IPv6 clients are counted by their /64', () => {
    expect(normalizeAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeAddress('2001:DB8::1')).toBe('2001:db8::1');
    expect(addressBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('2001:db8:1:2::a')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8:1:2:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
    expect(addressBucket('2001:db8:1:3::a')).not.toBe(addressBucket('2001:db8:1:2::a'));
  });
});

describe('the configuration of trusted proxies and the website’s secret', () => {
  it('trusts nobody by default', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ GATEWAY_TRUST_PROXY: 'none' }).trustProxy).toEqual([]);
    expect(loadConfig({ GATEWAY_TRUST_PROXY: 'loopback, 172.18.0.0/16' }).trustProxy).toEqual([
      'loopback',
      '172.18.0.0/16',
    ]);
  });

  it('refuses what is not a list of addresses, subnets or names', () => {
    for (const value of ['true', '3', 'nginx', '300.1.1.1'])
      expect(() => loadConfig({ GATEWAY_TRUST_PROXY: value }), value).toThrow(ConfigError);
  });

  it('refuses a short secret', () => {
    expect(() => loadConfig({ CLIENT_ADDRESS_SECRET: 'kurz' })).toThrow(/at least 16/);
    expect(loadConfig({ CLIENT_ADDRESS_SECRET: SECRET }).clientAddressSecret).toBe(SECRET);
  });
});
