import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { inRoot } from './paths.js';
import { HOST, pick, publicUrl, urlOf, type Topology } from './topology.js';

/**
 * The production shape's environment is docker-compose.yml's, not a second copy: each service's `environment`
 * is read from the compose file, its `${VARIABLES}` filled in as `.env` would, and the compose network's host
 * names (`cms`, `forum`, `gateway`, `frontend`, `postgres`, `redis`) replaced by this machine's processes.
 * What the images set themselves (their Dockerfile's ENV) comes first.
 */
export type ComposeService = 'cms' | 'forum' | 'gateway' | 'frontend';

interface ComposeFile {
  services: Record<
    string,
    {
      environment?: Record<string, string | number | boolean | null> | string[];
      deploy?: { replicas?: number };
    }
  >;
}

export function readCompose(file = inRoot('docker-compose.yml')): ComposeFile {
  return parse(readFileSync(file, 'utf8')) as ComposeFile;
}

/** `KEY=value` pairs or a map: compose allows both. */
function environmentOf(compose: ComposeFile, service: string): Record<string, string> {
  const environment = compose.services[service]?.environment;
  if (!environment) throw new Error(`docker-compose.yml has no environment for service "${service}"`);
  if (Array.isArray(environment))
    return Object.fromEntries(
      environment.map((entry) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, String(value ?? '')]));
}

/** Compose's variable syntax: `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:?error}`, `$$`. */
export function interpolate(value: string, variables: Record<string, string | undefined>): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g,
    (match, name: string | undefined, operator: string | undefined, argument: string | undefined) => {
      if (match === '$$') return '$';
      const current = variables[name!];
      const empty = current === undefined || (operator?.startsWith(':') && current === '');
      if (!operator) return current ?? '';
      if (operator.endsWith('-')) return empty ? argument! : current!;
      if (empty) throw new Error(`docker-compose.yml: ${name} is required: ${argument}`);
      return current!;
    },
  );
}

/** How many instances compose runs of a service. */
export function replicasOf(compose: ComposeFile, service: ComposeService): number {
  return compose.services[service]?.deploy?.replicas ?? 1;
}

/** The settings `.env` holds in production, for this machine's run. */
function dotEnv(topology: Topology): Record<string, string> {
  return {
    ...topology.secrets,
    PUBLIC_URL: publicUrl(topology),
    POSTGRES_PASSWORD: 'unused-here',
    FORUM_ADMIN_EMAILS: '',
    FORUM_JWT_PRIVATE_KEY: '',
    // The relay is this machine's MailDev (the launcher starts it in place of a real relay).
    SMTP_URL: topology.smtpUrl ?? 'smtp://127.0.0.1:1025',
    MAIL_FROM: 'Stadtnetz Integration <no-reply@stadtnetz.localhost>',
    // Compose's private network is loopback here: nginx reaches the gateways, and the gateways the forums,
    // from 127.0.0.1 — the one address each may name clients from (test clients come from 127.0.0.2 and up).
    GATEWAY_TRUST_PROXY: '127.0.0.1',
    FORUM_TRUST_PROXY: '127.0.0.1',
  };
}

/** Rewrites one value's compose host names to this machine's processes. */
function localise(value: string, topology: Topology, instance: number): string {
  const { ports } = topology;
  return value
    .replace(/postgres:\/\/[^@/]*@postgres:5432\/(\w+)/g, (_match, database: string) => {
      const url = topology.databases?.[database as 'cms' | 'forum'];
      if (!url) throw new Error(`no database "${database}" for the production shape`);
      return url;
    })
    .replace(/redis:\/\/redis:6379/g, topology.redisUrl ?? 'redis://127.0.0.1:6379')
    .replace(/http:\/\/cms:1337/g, urlOf(ports.cms))
    .replace(/http:\/\/forum:4001/g, urlOf(pick(ports.forum, instance)))
    .replace(/http:\/\/gateway:4000/g, urlOf(pick(ports.gateway, instance)))
    .replace(/http:\/\/frontend:3000/g, urlOf(ports.website));
}

/** The image's own environment (its Dockerfile's ENV), as far as it is not about where it listens. */
const IMAGE_ENV: Record<ComposeService, Record<string, string>> = {
  cms: { NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true', DATABASE_CLIENT: 'postgres' },
  forum: { NODE_ENV: 'production' },
  gateway: { NODE_ENV: 'production' },
  frontend: { NODE_ENV: 'production' },
};

/** Where each instance listens here (in a container: 0.0.0.0 and the default port). */
function listenEnv(service: ComposeService, topology: Topology, instance: number): Record<string, string> {
  const { ports } = topology;
  switch (service) {
    case 'cms':
      return { HOST, PORT: String(ports.cms) };
    case 'forum':
      return { FORUM_HOST: HOST, FORUM_PORT: String(pick(ports.forum, instance)) };
    case 'gateway':
      return { GATEWAY_HOST: HOST, GATEWAY_PORT: String(pick(ports.gateway, instance)) };
    case 'frontend':
      return { HOST, PORT: String(ports.website) };
  }
}

/** What only a run on a shared machine needs: its own Redis keys, and demo content when asked for. */
function runEnv(service: ComposeService, topology: Topology): Record<string, string> {
  switch (service) {
    case 'cms':
      return topology.demo ? { SEED_DEMO: 'true' } : {};
    case 'forum':
      return { FORUM_REDIS_PREFIX: `${topology.redisPrefix}-forum` };
    case 'gateway':
      return { GATEWAY_REDIS_PREFIX: `${topology.redisPrefix}-gateway` };
    case 'frontend':
      return {};
  }
}

export function productionEnv(
  service: ComposeService,
  topology: Topology,
  instance = 0,
  compose = readCompose(),
): Record<string, string> {
  const variables = dotEnv(topology);
  const fromCompose = Object.fromEntries(
    Object.entries(environmentOf(compose, service)).map(([key, value]) => [
      key,
      localise(interpolate(value, variables), topology, instance),
    ]),
  );
  return {
    ...IMAGE_ENV[service],
    ...fromCompose,
    ...listenEnv(service, topology, instance),
    ...runEnv(service, topology),
  };
}
