// `npm start`: the whole platform on the embedded defaults with demo content, on the contract's ports, its
// data kept between starts. The console gets progress lines only; the builds' and the parts' output goes to
// .data/logs/, and a failure prints the last lines and the log's path.
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build, ALL_PARTS } from './build.js';
import { inRoot } from './paths.js';
import { portInUse } from './ports.js';
import { DEFAULT_PORTS, startPlatform, type Platform } from './platform.js';
import { loadOrCreateSecrets, type PlatformSecrets } from './secrets.js';
import type { ServiceName } from './topology.js';

const LOG_DIR = inRoot('.data', 'logs');
const SECRETS_FILE = inRoot('.data', 'secrets.json');

const say = (message: string) => console.log(`\x1b[1m[start]\x1b[0m ${message}`);
const relative = (file: string) => path.relative(process.cwd(), file) || file;

/** Earlier versions kept the development secrets in cms/.env; the data made with them needs them still. */
function secretsOfAnEarlierStart(): Partial<PlatformSecrets> {
  const file = inRoot('cms', '.env');
  if (!existsSync(file)) return {};
  const text = readFileSync(file, 'utf8');
  if (!text.startsWith('# Made by `npm start`')) return {};
  return Object.fromEntries(
    text
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

function fail(message: string, log: string): never {
  console.error(`\n\x1b[31m[start] ${message}\x1b[0m`);
  console.error(`[start] the whole log: ${relative(log)}`);
  process.exit(1);
}

/** `npm start -- --without website`: everything else (then `npm run dev -w frontend` beside it). */
function partsToStart(argv: string[]): ServiceName[] {
  const all: ServiceName[] = ['cms', 'forum', 'gateway', 'website'];
  const at = argv.findIndex((arg) => arg === '--without' || arg.startsWith('--without='));
  if (at < 0) return all;
  const value = argv[at]!.includes('=') ? argv[at]!.split('=')[1]! : (argv[at + 1] ?? '');
  const without = value.split(',').map((name) => name.trim());
  const unknown = without.filter((name) => !all.includes(name as ServiceName));
  if (unknown.length > 0) {
    console.error(`[start] --without takes ${all.join(', ')}; not ${unknown.join(', ')}`);
    process.exit(2);
  }
  return all.filter((name) => !without.includes(name));
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const only = partsToStart(argv);
  const busy = [];
  const withMailDev = !process.env['SMTP_URL'];
  for (const [name, port] of Object.entries(DEFAULT_PORTS)) {
    const wanted =
      only.includes(name as ServiceName) || (withMailDev && (name === 'smtp' || name === 'mailInbox'));
    if (wanted && (await portInUse(port))) busy.push(`${port} (${name})`);
  }
  if (busy.length > 0) {
    console.error(`[start] these ports are taken: ${busy.join(', ')}. Is the platform already running?`);
    process.exit(1);
  }

  const buildLogFile = path.join(LOG_DIR, 'build.log');
  mkdirSync(LOG_DIR, { recursive: true });
  const buildLog = createWriteStream(buildLogFile, { flags: 'w' });
  try {
    await build(ALL_PARTS, { log: buildLog, progress: say });
  } catch (error) {
    buildLog.end();
    fail((error as Error).message.split('\n').slice(0, 30).join('\n'), buildLogFile);
  }
  buildLog.end();

  let tookEarlier = false;
  const { created } = loadOrCreateSecrets(SECRETS_FILE, () => {
    const earlier = secretsOfAnEarlierStart();
    tookEarlier = Object.keys(earlier).length > 0;
    return earlier;
  });
  if (created)
    say(
      tookEarlier
        ? 'took the development secrets of an earlier start from cms/.env'
        : `made development secrets and the first accounts (${relative(SECRETS_FILE)})`,
    );

  let platform: Platform;
  try {
    platform = await startPlatform({
      ports: 'default',
      data: 'project',
      secretsFile: SECRETS_FILE,
      logDir: LOG_DIR,
      only: [...only, 'mail'],
      progress: (message) =>
        say(message === 'starting cms…' ? 'starting cms (a first start seeds the demo content)…' : message),
    });
  } catch (error) {
    fail((error as Error).message, LOG_DIR);
  }

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    platform.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  for (const service of [
    platform.cms,
    ...platform.forums,
    ...platform.gateways,
    platform.website,
    ...(platform.mail ? [platform.mail] : []),
  ])
    service.onUnexpectedExit((code, signal) => {
      if (stopping) return;
      console.error(
        `\n[start] ${service.name} stopped unexpectedly (${code ?? signal}); its last lines:\n${service.recentOutput(20)}`,
      );
      console.error(
        `[start] its log: ${relative(path.join(LOG_DIR, `${service.name}.log`))}; stopping the rest.`,
      );
      stop();
    });

  const { urls, admin, editor } = platform;
  say('ready:');
  const rows: [string, string][] = [
    ...(only.includes('website')
      ? ([
          ['Website', urls.website],
          ['', urls.website.replace('127.0.0.1', 'localhost')],
        ] as [string, string][])
      : []),
    ['GraphQL API', `${urls.gateway}/graphql`],
    ['Strapi admin', urls.admin],
    ['Editor (daily)', `${editor.email} / ${editor.password}`],
    ['Administrator', `${admin.email} / ${admin.password}  (roles, plugins, settings)`],
    ['Forum subgraph', `${urls.forum}/graphql`],
    [
      'Mail inbox',
      urls.mail
        ? `${urls.mail}  (every mail sent lands here; REST API ${urls.mail}/api/email)`
        : `sent through SMTP_URL`,
    ],
    ['Logs', relative(LOG_DIR)],
  ];
  for (const [label, value] of rows) console.log(`    ${label.padEnd(16)} ${value}`);
  say('press Ctrl-C to stop everything.');
}
