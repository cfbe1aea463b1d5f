import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';
import proxyaddr from 'proxy-addr';
import type { ForumConfig } from '../config.js';

export type TrustFunction = (address: string, hop: number) => boolean;

/** The same rule Express applies to `req.ip` for its "trust proxy" setting, for HTTP and WebSocket alike. */
export function compileTrust(setting: ForumConfig['trustProxy']): TrustFunction {
  if (setting === true) return () => true;
  if (setting === false) return () => false;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return proxyaddr.compile(setting.split(',').map((entry) => entry.trim()));
}

/**
 * Who sent the request: the right-most address in `X-Forwarded-For` that is not a trusted hop, so a client
 * cannot choose its address by writing the header itself (only a trusted proxy's additions are believed).
 */
export function clientAddressOf(request: IncomingMessage, trust: TrustFunction): string {
  if (!request.socket.remoteAddress) return 'unknown';
  return proxyaddr(request, trust) || 'unknown';
}

/**
 * The key a limit counts an address under: IPv4 as such (also when it arrives IPv4-mapped, `::ffff:1.2.3.4`),
 * IPv6 by its /64 — one subscriber usually holds a whole /64, so counting single addresses would let them
 * rotate through 2^64 of them.
 */
export function addressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((part) => part.toString(16)).join(':')}::/64`;
}
