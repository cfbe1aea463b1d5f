import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import net from 'node:net';
import proxyAddr from 'proxy-addr';

/** Sent by the website: its visitor's address, believed only together with the shared secret. */
export const CLIENT_ADDRESS_HEADER = 'x-client-address';
export const CLIENT_ADDRESS_SECRET_HEADER = 'x-client-address-secret';

export type ClientAddress =
  | { address: string; ignoredSecret?: boolean }
  | { refused: { status: number; code: string; message: string } };

const digest = (value: string) => createHash('sha256').update(value).digest();

/** One spelling per address: IPv4-mapped IPv6 (`::ffff:127.0.0.1`) as IPv4, IPv6 in lower case. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address.toLowerCase();
}

function single(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Who the client is, for rate limits, subscription caps and the forum's sign-in limit. In this order:
 * 1. the website's word, when it proves itself with the shared secret (compared in constant time);
 * 2. otherwise Express's trust-proxy rule: walking `X-Forwarded-For` from the right, the first address that
 *    is not a configured proxy — so a client can put anything on the left of the header, and it is ignored;
 * 3. with no proxies configured, the socket's peer.
 */
export function createClientAddressResolver(options: { trustProxy: string[]; secret: string | undefined }) {
  const trust = options.trustProxy.length > 0 ? proxyAddr.compile(options.trustProxy) : () => false;
  const secret = options.secret === undefined ? undefined : digest(options.secret);

  return (request: IncomingMessage): ClientAddress => {
    const presented = single(request, CLIENT_ADDRESS_SECRET_HEADER);
    if (presented !== undefined && secret) {
      if (!timingSafeEqual(digest(presented), secret)) {
        return {
          refused: {
            status: 401,
            code: 'UNAUTHENTICATED',
            message: `Wrong ${CLIENT_ADDRESS_SECRET_HEADER}: only the website may name its visitor's address`,
          },
        };
      }
      const claimed = single(request, CLIENT_ADDRESS_HEADER)?.trim() ?? '';
      if (net.isIP(claimed) === 0) {
        return {
          refused: {
            status: 400,
            code: 'BAD_REQUEST',
            message: `${CLIENT_ADDRESS_HEADER} must be one IP address`,
          },
        };
      }
      return { address: normalizeAddress(claimed) };
    }
    // No socket address only happens on a connection already gone; it then shares one bucket.
    const address = request.socket.remoteAddress ? proxyAddr(request, trust) : 'unknown';
    return { address: normalizeAddress(address), ignoredSecret: presented !== undefined };
  };
}

/**
 * The unit a per-address limit counts: an IPv4 address, or an IPv6 /64 — one household or server gets a
 * whole /64, so counting single IPv6 addresses would give each client billions of fresh buckets.
 */
export function addressBucket(address: string): string {
  if (net.isIP(address) !== 6) return address;
  // An embedded IPv4 tail (::1.2.3.4) is two groups.
  const hex = address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_all, a, b, c, d) =>
    [(Number(a) << 8) | Number(b), (Number(c) << 8) | Number(d)].map((n) => n.toString(16)).join(':'),
  );
  const [head = '', tail] = hex.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => (Number.parseInt(group, 16) || 0).toString(16))
    .join(':')}::/64`;
}
