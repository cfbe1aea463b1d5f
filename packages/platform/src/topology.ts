import type { PlatformSecrets } from './secrets.js';

/**
 * - `embedded`: what `npm start` runs on a bare machine — SQLite for Strapi, PGlite for the forum, events and
 *   limits in memory, one instance of each part.
 * - `production`: what docker-compose.yml runs — PostgreSQL, Redis, the CMS with NODE_ENV=production and its
 *   built admin, replicas of the forum and the gateway, the built website, nginx in front.
 */
export type Shape = 'embedded' | 'production';

export type ServiceName = 'cms' | 'forum' | 'gateway' | 'website' | 'proxy' | 'mail';

export const HOST = '127.0.0.1';

/** Where everything listens and what it shares: all that an environment is made from. */
export interface Topology {
  shape: Shape;
  ports: {
    cms: number;
    forum: number[];
    gateway: number[];
    website: number;
    /** nginx, production shape only. */
    proxy?: number;
    /** MailDev's SMTP and web inbox, when no relay (`SMTP_URL`) is given. */
    mail?: { smtp: number; web: number };
  };
  /** The relay the forum sends through: MailDev's SMTP, or the `SMTP_URL` given. Unset: the forum's own default. */
  smtpUrl?: string;
  secrets: PlatformSecrets;
  /** Seed the demo content into an empty CMS. */
  demo: boolean;
  /** Embedded shape: where the parts keep their data; unset, each part's own default folder. */
  dataDir?: string;
  /** Production shape: the two databases and Redis. */
  databases?: { cms: string; forum: string };
  redisUrl?: string;
  /** Keeps this platform's keys in a shared Redis apart from others'. */
  redisPrefix: string;
}

export const urlOf = (port: number) => `http://${HOST}:${port}`;

/** The address the public uses: nginx in the production shape, the website itself otherwise. */
export function publicUrl(topology: Topology): string {
  return urlOf(topology.ports.proxy ?? topology.ports.website);
}

/** Replica `instance` of a part that may have several: each gateway talks to "its" forum, round robin. */
export const pick = (ports: number[], instance: number) => ports[instance % ports.length]!;
