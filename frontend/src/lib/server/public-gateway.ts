import { env as privateEnv } from '$env/dynamic/private';
import { env } from '$env/dynamic/public';
import { gatewayUrl } from './api';

/**
 * The gateway's public address, as browsers and portals reach it: PUBLIC_GATEWAY_URL, or — on a development
 * start, where the page may be opened as 127.0.0.1 or as localhost — the gateway on the page's own host name, so
 * that the browser sends the session cookie it holds for that name.
 */
export function publicGatewayUrl(pageUrl: URL): string {
  if (env['PUBLIC_GATEWAY_URL']) return env['PUBLIC_GATEWAY_URL'].replace(/\/+$/, '');
  const gateway = new URL(gatewayUrl());
  gateway.hostname = pageUrl.hostname;
  return gateway.origin;
}

/**
 * The site's own public origin, for addresses written into files and pages (exports, catalogue, feeds, sitemap,
 * Open Graph). adapter-node believes `https://<host>` when neither ORIGIN nor PROTOCOL_HEADER is set, but then
 * nothing terminates TLS in front of it: the request came in as plain http (as on `npm start`).
 */
export function siteOrigin(url: URL): string {
  if (privateEnv['ORIGIN']) return privateEnv['ORIGIN'].replace(/\/+$/, '');
  if (privateEnv['PROTOCOL_HEADER']) return url.origin;
  return `http://${url.host}`;
}
