import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { embeddedEnv } from './embedded-env.js';
import { NGINX, renderNginxConfig } from './nginx.js';
import { inRoot } from './paths.js';
import { freePort } from './ports.js';
import { REDIS_URL, scratchDatabase, type ScratchDatabase } from './postgres.js';
import { productionEnv, readCompose, replicasOf, type ComposeService } from './production-env.js';
import { generateSecrets, loadOrCreateSecrets, type PlatformSecrets } from './secrets.js';
import { ServiceProcess } from './service-process.js';
import { HOST, publicUrl, urlOf, type ServiceName, type Shape, type Topology } from './topology.js';

/** A part that runs from this repository: its folder, its entry point, and how it says it is ready. */
const PARTS = {
  cms: { folder: 'cms', entry: 'scripts/serve.mjs', health: '/_health', compose: 'cms' },
  forum: { folder: 'services/forum', entry: 'dist/main.js', health: '/health', compose: 'forum' },
  gateway: { folder: 'gateway', entry: 'dist/main.js', health: '/health', compose: 'gateway' },
  website: { folder: 'frontend', entry: 'build/index.js', health: '/', compose: 'frontend' },
} as const satisfies Record<
  string,
  { folder: string; entry: string; health: string; compose: ComposeService }
>;
export type Part = keyof typeof PARTS;

/**
 * One part alone, on a free port, with exactly `env` (plus where it listens): for a test that gives a part
 * a database or Redis of its own. Not started yet.
 */
export async function standalonePart(part: 'forum' | 'gateway', env: Record<string, string>) {
  const port = await freePort();
  const spec = PARTS[part];
  const listen: Record<string, string> =
    part === 'forum'
      ? { FORUM_HOST: HOST, FORUM_PORT: String(port) }
      : { GATEWAY_HOST: HOST, GATEWAY_PORT: String(port) };
  return new ServiceProcess({
    name: part,
    args: ['--enable-source-maps', path.join(inRoot(spec.folder), spec.entry)],
    cwd: inRoot(spec.folder),
    env: { ...env, ...listen },
    url: urlOf(port),
    healthUrl: `${urlOf(port)}${spec.health}`,
  });
}

/** The default ports of DESIGN.md's contract. */
export const DEFAULT_PORTS = {
  cms: 1337,
  forum: 4001,
  gateway: 4000,
  website: 3000,
  proxy: 8080,
  /** MailDev, when no relay is given: SMTP and the web inbox with its REST API. */
  smtp: 1025,
  mailInbox: 1080,
};

/**
 * MailDev's command-line entry. The package exports only its programmatic API (and only for `import`), so it
 * is looked up where Node would look for the package.
 */
function maildevBin(): string {
  const candidates = (createRequire(import.meta.url).resolve.paths('maildev') ?? []).map((folder) =>
    path.join(folder, 'maildev', 'dist', 'bin', 'maildev.js'),
  );
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error('MailDev is not installed (npm ci installs it with @stadtnetz/platform)');
  return found;
}

export interface PlatformOptions {
  /** Default `embedded`. */
  shape?: Shape;
  /** `default`: the contract's ports (`npm start`); `free` (the default): ports nobody uses, for tests. */
  ports?: 'default' | 'free';
  /**
   * Which parts to start; default every part of the shape. The others still get ports (and environments).
   * MailDev (`mail`) starts with the forum unless a relay is given.
   */
  only?: ServiceName[];
  /** Seed the demo content into an empty CMS (default true). */
  demo?: boolean;
  /**
   * Embedded shape: `temporary` (default) keeps the data in a scratch folder removed on stop; `project`
   * keeps it in each part's own folder (cms/.tmp, services/forum/.data, gateway/.data), as `npm start` does.
   */
  data?: 'temporary' | 'project';
  /** Keep the secrets in this file across starts (`npm start`); default: fresh ones for this run. */
  secretsFile?: string;
  /** Replicas of the forum and the gateway; default 1 embedded, docker-compose.yml's in production. */
  replicas?: { forum?: number; gateway?: number };
  /** Extra settings of a test (its own limits), on top of the shape's environment. */
  env?: Partial<Record<Part, Record<string, string>>>;
  /** Node's own flags for a part (heap snapshots in a benchmark). */
  nodeArgs?: Partial<Record<Part, string[]>>;
  /** Each part's output goes to `<logDir>/<name>.log`. */
  logDir?: string;
  /** Also print each part's output, prefixed with its name. */
  echo?: boolean;
  /** Receives a line as each part starts. */
  progress?: (message: string) => void;
  /**
   * The relay the forum sends mail through. Default: `SMTP_URL` of this process if set, otherwise MailDev is
   * started (SMTP and web inbox on the contract's ports or free ones) and every mail lands in its inbox.
   */
  smtpUrl?: string;
}

export interface Platform {
  shape: Shape;
  topology: Topology;
  urls: {
    /** Where a visitor goes: nginx in the production shape, the website otherwise. */
    public: string;
    website: string;
    gateway: string;
    forum: string;
    cms: string;
    admin: string;
    /** MailDev's web inbox (its REST API: `GET <mail>/api/email`); unset when a relay was given. */
    mail: string | undefined;
  };
  /** The Strapi super admin that was created on the first start (settings, roles, plugins). */
  admin: { email: string; password: string };
  /** The everyday editor account (Editor role; German interface). */
  editor: { email: string; password: string };
  cms: ServiceProcess;
  forums: ServiceProcess[];
  gateways: ServiceProcess[];
  website: ServiceProcess;
  proxy: ServiceProcess | undefined;
  /** MailDev, when the platform runs its own inbox. */
  mail: ServiceProcess | undefined;
  /** Replica `instance`'s environment, as the launcher gives it (to run a part in a test's own process). */
  envOf(part: Part, instance?: number): Record<string, string>;
  /** Starts one more forum or gateway on a free port, like the others plus `env`. */
  startAnother(part: 'forum' | 'gateway', env?: Record<string, string>): Promise<ServiceProcess>;
  stop(): Promise<void>;
}

async function allocatePorts(
  mode: 'default' | 'free',
  shape: Shape,
  replicas: { forum: number; gateway: number },
  withMailDev: boolean,
): Promise<Topology['ports']> {
  const many = async (count: number, first: number) =>
    mode === 'default' && count === 1
      ? [first]
      : Promise.all(Array.from({ length: count }, () => freePort()));
  return {
    cms: mode === 'default' ? DEFAULT_PORTS.cms : await freePort(),
    forum: await many(replicas.forum, DEFAULT_PORTS.forum),
    gateway: await many(replicas.gateway, DEFAULT_PORTS.gateway),
    website: mode === 'default' ? DEFAULT_PORTS.website : await freePort(),
    ...(shape === 'production' ? { proxy: mode === 'default' ? DEFAULT_PORTS.proxy : await freePort() } : {}),
    ...(withMailDev
      ? {
          mail: {
            smtp: mode === 'default' ? DEFAULT_PORTS.smtp : await freePort(),
            web: mode === 'default' ? DEFAULT_PORTS.mailInbox : await freePort(),
          },
        }
      : {}),
  };
}

/** Starts the platform and waits until every part answers. On failure, what started is stopped again. */
export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const shape = options.shape ?? 'embedded';
  const compose = readCompose();
  const replicas = {
    forum: options.replicas?.forum ?? (shape === 'production' ? replicasOf(compose, 'forum') : 1),
    gateway: options.replicas?.gateway ?? (shape === 'production' ? replicasOf(compose, 'gateway') : 1),
  };
  const only = new Set<ServiceName>(
    options.only ?? [
      'cms',
      'forum',
      'gateway',
      'website',
      ...(shape === 'production' ? ['proxy' as const] : []),
      'mail' as const,
    ],
  );
  const relay = options.smtpUrl ?? options.env?.forum?.['SMTP_URL'] ?? process.env['SMTP_URL'];
  const cleanups: (() => Promise<void> | void)[] = [];
  const secrets: PlatformSecrets = options.secretsFile
    ? loadOrCreateSecrets(options.secretsFile).secrets
    : generateSecrets();

  const scratch = mkdtempSync(path.join(tmpdir(), 'stadtnetz-platform-'));
  cleanups.push(() => rmSync(scratch, { recursive: true, force: true }));
  let databases: ScratchDatabase[] = [];
  if (shape === 'production') {
    const made = await Promise.allSettled([
      scratchDatabase('platform_cms'),
      scratchDatabase('platform_forum'),
    ]);
    databases = made.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    cleanups.push(async () => {
      for (const database of databases) await database.drop();
    });
    const failed = made.find((result) => result.status === 'rejected');
    if (failed) {
      for (const cleanup of cleanups.reverse()) await cleanup();
      throw failed.reason;
    }
  }
  const topology: Topology = {
    shape,
    ports: await allocatePorts(options.ports ?? 'free', shape, replicas, !relay),
    secrets,
    demo: options.demo ?? true,
    redisPrefix: `stadtnetz-${randomUUID().slice(0, 8)}`,
    ...(shape === 'embedded' && (options.data ?? 'temporary') === 'temporary'
      ? { dataDir: path.join(scratch, 'data') }
      : {}),
    ...(shape === 'production'
      ? { databases: { cms: databases[0]!.url, forum: databases[1]!.url }, redisUrl: REDIS_URL }
      : {}),
  };

  topology.smtpUrl = topology.ports.mail ? `smtp://${HOST}:${topology.ports.mail.smtp}` : relay;

  const envOf = (part: Part, instance = 0): Record<string, string> => {
    const base =
      shape === 'production'
        ? productionEnv(PARTS[part].compose, topology, instance, compose)
        : part === 'forum' || part === 'gateway'
          ? embeddedEnv[part](topology, instance)
          : embeddedEnv[part](topology);
    return {
      ...base,
      // A developer's cms/.env must not change what the launcher starts (nor what tests see).
      ...(part === 'cms' ? { ENV_PATH: '/dev/null' } : {}),
      ...options.env?.[part],
    };
  };
  const portOf = (part: Part, instance: number) =>
    part === 'cms'
      ? topology.ports.cms
      : part === 'website'
        ? topology.ports.website
        : topology.ports[part][instance]!;
  const processFor = (
    part: Part,
    instance: number,
    env = envOf(part, instance),
    port = portOf(part, instance),
  ) => {
    const spec = PARTS[part];
    const name = instance === 0 ? part : `${part}-${instance + 1}`;
    return new ServiceProcess(
      {
        name,
        args: [
          '--enable-source-maps',
          ...(options.nodeArgs?.[part] ?? []),
          path.join(inRoot(spec.folder), spec.entry),
        ],
        cwd: inRoot(spec.folder),
        env,
        url: urlOf(port),
        healthUrl: `${urlOf(port)}${spec.health}`,
        // adapter-node behind the proxy reads the visitor's address from the proxy's header, and answers
        // without it an error: the check comes as nginx would send it.
        ...(env['ADDRESS_HEADER'] ? { healthHeaders: { [env['ADDRESS_HEADER']]: HOST } } : {}),
      },
      {
        echo: options.echo,
        ...(options.logDir ? { logFile: path.join(options.logDir, `${name}.log`) } : {}),
      },
    );
  };
  if (options.logDir) mkdirSync(options.logDir, { recursive: true });
  if (topology.dataDir)
    for (const folder of ['cms', 'forum', 'gateway'])
      mkdirSync(path.join(topology.dataDir, folder), { recursive: true });

  const started: ServiceProcess[] = [];
  const launch = async (service: ServiceProcess) => {
    options.progress?.(`starting ${service.name}…`);
    started.push(service);
    await service.start();
  };

  const stop = async () => {
    for (const service of [...started].reverse()) await service.close();
    for (const cleanup of cleanups.reverse()) await cleanup();
  };

  let parts: {
    cms: ServiceProcess;
    forums: ServiceProcess[];
    gateways: ServiceProcess[];
    website: ServiceProcess;
    proxy: ServiceProcess | undefined;
    mail: ServiceProcess | undefined;
  };
  try {
    const cms = processFor('cms', 0);
    const forums = topology.ports.forum.map((_port, instance) => processFor('forum', instance));
    const gateways = topology.ports.gateway.map((_port, instance) => processFor('gateway', instance));
    const website = processFor('website', 0);
    const proxy =
      shape === 'production'
        ? new ServiceProcess(
            {
              name: 'proxy',
              command: NGINX,
              args: ['-c', renderNginxConfig(topology, path.join(scratch, 'nginx')), '-g', 'daemon off;'],
              cwd: scratch,
              env: {},
              url: publicUrl(topology),
              healthUrl: `${publicUrl(topology)}/`,
            },
            { echo: options.echo },
          )
        : undefined;
    const mailPorts = topology.ports.mail;
    // `npm start` keeps the inbox between starts (.data/mail), as it keeps the other parts' data.
    const mailDir = topology.dataDir
      ? path.join(topology.dataDir, 'mail')
      : shape === 'embedded'
        ? inRoot('.data', 'mail')
        : path.join(scratch, 'mail');
    if (mailPorts) mkdirSync(mailDir, { recursive: true });
    const mail = mailPorts
      ? new ServiceProcess(
          {
            name: 'mail',
            args: [
              maildevBin(),
              '--smtp',
              String(mailPorts.smtp),
              '--web',
              String(mailPorts.web),
              '--ip',
              HOST,
              '--web-ip',
              HOST,
              '--silent',
              '--mail-directory',
              mailDir,
            ],
            cwd: scratch,
            env: {},
            url: urlOf(mailPorts.web),
            healthUrl: `${urlOf(mailPorts.web)}/api/healthz`,
          },
          {
            echo: options.echo,
            ...(options.logDir ? { logFile: path.join(options.logDir, 'mail.log') } : {}),
          },
        )
      : undefined;
    parts = { cms, forums, gateways, website, proxy, mail };
  } catch (error) {
    // A compose file that cannot be read, a port taken: nothing may be left behind (databases, folders).
    await stop();
    throw error;
  }
  const { cms, forums, gateways, website, proxy, mail } = parts;

  try {
    // The inbox first (it comes with the forum, whose outbox sends as soon as it starts).
    if (mail && (only.has('mail') || only.has('forum'))) await launch(mail);
    // The forum and the CMS need nothing of each other to start: both at once.
    await Promise.all([
      ...(only.has('forum') ? forums.map(launch) : []),
      ...(only.has('cms') ? [launch(cms)] : []),
    ]);
    if (only.has('gateway')) for (const gateway of gateways) await launch(gateway);
    if (only.has('website')) await launch(website);
    if (proxy && only.has('proxy')) await launch(proxy);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    shape,
    topology,
    urls: {
      public: publicUrl(topology),
      website: website.url,
      gateway: gateways[0]!.url,
      forum: forums[0]!.url,
      cms: cms.url,
      admin: `${cms.url}/admin`,
      mail: mail?.url,
    },
    admin: { email: secrets.ADMIN_EMAIL, password: secrets.ADMIN_PASSWORD },
    editor: { email: secrets.EDITOR_EMAIL, password: secrets.EDITOR_PASSWORD },
    cms,
    forums,
    gateways,
    website,
    proxy,
    mail,
    envOf,
    async startAnother(part, env = {}) {
      const instance = part === 'forum' ? forums.length : gateways.length;
      const port = await freePort();
      const base = envOf(part, 0);
      const own: Record<string, string> =
        part === 'forum'
          ? { FORUM_HOST: HOST, FORUM_PORT: String(port) }
          : { GATEWAY_HOST: HOST, GATEWAY_PORT: String(port) };
      const service = processFor(part, instance, { ...base, ...own, ...env }, port);
      (part === 'forum' ? forums : gateways).push(service);
      await launch(service);
      return service;
    },
    stop,
  };
}
