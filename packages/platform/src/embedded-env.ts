import path from 'node:path';
import { HOST, pick, urlOf, type Topology } from './topology.js';

/**
 * The environment of each part in the embedded shape — the one place it is written. Everything not named here
 * is the part's own default (see each config module), so `npm run start -w <part>` behaves the same.
 */
export const embeddedEnv = {
  cms(topology: Topology): Record<string, string> {
    const { ports, secrets } = topology;
    return {
      HOST,
      PORT: String(ports.cms),
      STRAPI_TELEMETRY_DISABLED: 'true',
      SEED_DEMO: String(topology.demo),
      ...secretsOfCms(topology),
      ADMIN_EMAIL: secrets.ADMIN_EMAIL,
      ADMIN_PASSWORD: secrets.ADMIN_PASSWORD,
      EDITOR_EMAIL: secrets.EDITOR_EMAIL,
      EDITOR_PASSWORD: secrets.EDITOR_PASSWORD,
      // Strapi's preview button opens drafts on the website with links signed by this secret.
      WEBSITE_URL: urlOf(topology.ports.website),
      PREVIEW_SECRET: secrets.PREVIEW_SECRET,
      FORUM_URL: urlOf(pick(ports.forum, 0)),
      FORUM_EDITOR_SECRET: secrets.FORUM_EDITOR_SECRET,
      // Content events: the gateway drops cached answers; the forum announces publications live and to followers (contentPublished).
      CMS_CONTENT_WEBHOOK_URLS: `${urlOf(pick(ports.gateway, 0))}/webhooks/cms,${urlOf(pick(ports.forum, 0))}/webhooks/cms`,
      CMS_WEBHOOK_SECRET: secrets.CMS_WEBHOOK_SECRET,
      DATABASE_CLIENT: 'sqlite',
      ...(topology.dataDir ? { DATABASE_FILENAME: path.join(topology.dataDir, 'cms', 'data.db') } : {}),
    };
  },

  forum(topology: Topology, instance = 0): Record<string, string> {
    return {
      FORUM_HOST: HOST,
      FORUM_PORT: String(pick(topology.ports.forum, instance)),
      CMS_URL: urlOf(topology.ports.cms),
      FORUM_EDITOR_SECRET: topology.secrets.FORUM_EDITOR_SECRET,
      CMS_WEBHOOK_SECRET: topology.secrets.CMS_WEBHOOK_SECRET,
      FORUM_REDIS_PREFIX: `${topology.redisPrefix}-forum`,
      // Links in mails lead to the website.
      WEBSITE_URL: urlOf(topology.ports.website),
      ...(topology.smtpUrl ? { SMTP_URL: topology.smtpUrl } : {}),
      ...(topology.dataDir ? { FORUM_DATA_DIR: path.join(topology.dataDir, 'forum') } : {}),
    };
  },

  gateway(topology: Topology, instance = 0): Record<string, string> {
    const { ports, secrets } = topology;
    return {
      GATEWAY_HOST: HOST,
      GATEWAY_PORT: String(pick(ports.gateway, instance)),
      CMS_URL: urlOf(ports.cms),
      FORUM_URL: urlOf(pick(ports.forum, instance)),
      // The website under both names `npm start` prints: its pages open live connections from either.
      CORS_ORIGINS: websiteOrigins(topology).join(','),
      CMS_WEBHOOK_SECRET: secrets.CMS_WEBHOOK_SECRET,
      CLIENT_ADDRESS_SECRET: secrets.CLIENT_ADDRESS_SECRET,
      GATEWAY_REDIS_PREFIX: `${topology.redisPrefix}-gateway`,
      ...(topology.dataDir ? { GATEWAY_DATA_DIR: path.join(topology.dataDir, 'gateway') } : {}),
    };
  },

  website(topology: Topology): Record<string, string> {
    return {
      HOST,
      PORT: String(topology.ports.website),
      GATEWAY_URL: urlOf(pick(topology.ports.gateway, 0)),
      CLIENT_ADDRESS_SECRET: topology.secrets.CLIENT_ADDRESS_SECRET,
      // The preview of drafts reads them from the CMS itself (never through the public gateway).
      CMS_URL: urlOf(topology.ports.cms),
      PREVIEW_SECRET: topology.secrets.PREVIEW_SECRET,
    };
  },
};

/** The website's own origins: the two names of this machine that `npm start` prints. */
export function websiteOrigins(topology: Topology): string[] {
  return [`http://127.0.0.1:${topology.ports.website}`, `http://localhost:${topology.ports.website}`];
}

function secretsOfCms({ secrets }: Topology): Record<string, string> {
  return {
    APP_KEYS: secrets.APP_KEYS,
    ADMIN_JWT_SECRET: secrets.ADMIN_JWT_SECRET,
    API_TOKEN_SALT: secrets.API_TOKEN_SALT,
    TRANSFER_TOKEN_SALT: secrets.TRANSFER_TOKEN_SALT,
    ENCRYPTION_KEY: secrets.ENCRYPTION_KEY,
    JWT_SECRET: secrets.JWT_SECRET,
  };
}
