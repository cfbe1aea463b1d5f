import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What a start needs to be secret: Strapi's keys, the shared webhook and website secrets, the first accounts. */
export interface PlatformSecrets {
  APP_KEYS: string;
  ADMIN_JWT_SECRET: string;
  API_TOKEN_SALT: string;
  TRANSFER_TOKEN_SALT: string;
  ENCRYPTION_KEY: string;
  JWT_SECRET: string;
  CMS_WEBHOOK_SECRET: string;
  /** The website names its visitors' addresses to the gateway with it. */
  CLIENT_ADDRESS_SECRET: string;
  /** The Strapi super admin, for settings, roles and plugins. */
  ADMIN_EMAIL: string;
  ADMIN_PASSWORD: string;
  /** The everyday editor (Editor role: content and media, no roles, plugins or settings). */
  EDITOR_EMAIL: string;
  EDITOR_PASSWORD: string;
  /** Signs the links of Strapi's preview button; shared by the CMS and the website. */
  PREVIEW_SECRET: string;
  /** The CMS's admin reads and changes workshop registrations with it at the forum's editor API. */
  FORUM_EDITOR_SECRET: string;
}

const secret = () => randomBytes(24).toString('base64url');

export function generateSecrets(): PlatformSecrets {
  return {
    APP_KEYS: [secret(), secret(), secret(), secret()].join(','),
    ADMIN_JWT_SECRET: secret(),
    API_TOKEN_SALT: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    ENCRYPTION_KEY: secret(),
    JWT_SECRET: secret(),
    CMS_WEBHOOK_SECRET: secret(),
    CLIENT_ADDRESS_SECRET: secret(),
    ADMIN_EMAIL: 'admin@stadtnetz.local',
    ADMIN_PASSWORD: `Admin-${secret().slice(0, 12)}`,
    EDITOR_EMAIL: 'redaktion@stadtnetz.local',
    EDITOR_PASSWORD: `Redaktion-${secret().slice(0, 12)}`,
    PREVIEW_SECRET: secret(),
    FORUM_EDITOR_SECRET: secret(),
  };
}

/**
 * The secrets of a development start, made on the first start and kept in `file` (git-ignored, mode 600), so
 * that sign-ins and sessions survive a restart. Keys added in later versions are filled in.
 */
export function loadOrCreateSecrets(
  file: string,
  /** What to take over on creation instead of new values (the secrets of an earlier version's start). */
  earlier: () => Partial<PlatformSecrets> = () => ({}),
): { secrets: PlatformSecrets; created: boolean } {
  const fresh = generateSecrets();
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<PlatformSecrets>;
    const secrets = { ...fresh, ...stored };
    if (Object.keys(stored).length !== Object.keys(secrets).length) write(file, secrets);
    return { secrets, created: false };
  }
  const secrets = { ...fresh, ...earlier() };
  write(file, secrets);
  return { secrets, created: true };
}

function write(file: string, secrets: PlatformSecrets) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
}
