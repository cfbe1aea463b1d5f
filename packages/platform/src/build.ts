import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, statSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { root } from './paths.js';

const require = createRequire(import.meta.url);

/** A part of the platform that is built before it runs, and what tells that the build is current. */
interface BuildStep {
  name: string;
  /** Files and folders whose change makes the output stale (relative to the root). */
  inputs: string[];
  /** A file the build writes last (relative to the root). */
  output: string;
  command: string[];
  cwd: string;
}

const tsc = () => require.resolve('typescript/bin/tsc');

/** A package's file, from the workspace's own node_modules if npm put it there, else the root's. */
function packageFile(workspace: string, name: string, file: string): string {
  const own = path.join(root, workspace, 'node_modules', name, file);
  return existsSync(own) ? own : path.join(root, 'node_modules', name, file);
}
const compile = (name: string, project: string, output: string, inputs: string[]): BuildStep => ({
  name,
  inputs: [...inputs, project, 'tsconfig.json'],
  output,
  command: [process.execPath, tsc(), '-p', project],
  cwd: root,
});

/** Every build, in the order they depend on each other. */
export function buildSteps(): Record<BuildPart, BuildStep> {
  return {
    shared: compile(
      'shared package',
      'packages/shared-subscriptions/tsconfig.build.json',
      'packages/shared-subscriptions/dist/index.js',
      ['packages/shared-subscriptions/src'],
    ),
    markdown: compile(
      'Markdown package',
      'packages/markdown/tsconfig.build.json',
      'packages/markdown/dist/index.js',
      ['packages/markdown/src'],
    ),
    identity: compile(
      'identity package',
      'packages/identity/tsconfig.build.json',
      'packages/identity/dist/index.js',
      ['packages/identity/src'],
    ),
    forum: compile('forum', 'services/forum/tsconfig.build.json', 'services/forum/dist/main.js', [
      'services/forum/src',
      'packages/shared-subscriptions/dist',
      'packages/markdown/dist',
      'packages/identity/dist',
    ]),
    cms: compile('CMS', 'cms/tsconfig.json', 'cms/dist/src/index.js', [
      'cms/src',
      'cms/config',
      'cms/types',
      'packages/identity/dist',
    ]),
    admin: {
      name: 'Strapi admin',
      inputs: ['cms/src/admin', 'cms/config/admin.ts', 'cms/package.json'],
      output: 'cms/dist/build/index.html',
      command: [process.execPath, packageFile('cms', '@strapi/strapi', 'bin/strapi.js'), 'build'],
      cwd: path.join(root, 'cms'),
    },
    gateway: compile('gateway', 'gateway/tsconfig.build.json', 'gateway/dist/main.js', [
      'gateway/src',
      'packages/shared-subscriptions/dist',
      'packages/identity/dist',
    ]),
    website: {
      name: 'website',
      inputs: [
        'frontend/src',
        'frontend/static',
        'frontend/svelte.config.js',
        'frontend/vite.config.ts',
        'frontend/package.json',
        'packages/markdown/dist',
      ],
      output: 'frontend/build/index.js',
      command: [
        process.execPath,
        packageFile('frontend', 'vite', 'bin/vite.js'),
        'build',
        '--logLevel',
        'warn',
      ],
      cwd: path.join(root, 'frontend'),
    },
  };
}

export type BuildPart =
  'shared' | 'markdown' | 'identity' | 'forum' | 'cms' | 'admin' | 'gateway' | 'website';
export const ALL_PARTS: BuildPart[] = [
  'shared',
  'markdown',
  'identity',
  'forum',
  'cms',
  'admin',
  'gateway',
  'website',
];

/** The workspace packages a part imports from their build: asking for the part builds them too. */
const NEEDS: Partial<Record<BuildPart, BuildPart[]>> = {
  forum: ['shared', 'markdown', 'identity'],
  cms: ['identity'],
  gateway: ['shared', 'identity'],
  website: ['markdown'],
};

const SKIPPED = new Set(['node_modules', 'dist', 'build', '.svelte-kit', '.tmp', '.data', '.cache']);

function newestChange(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (SKIPPED.has(child)) continue;
    newest = Math.max(newest, newestChange(path.join(entry, child)));
  }
  return newest;
}

/** Whether the step's output is older than any of its inputs (or missing). */
export function isStale(step: BuildStep): boolean {
  const output = path.join(root, step.output);
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return step.inputs.some((input) => newestChange(path.join(root, input)) > built);
}

export interface BuildOptions {
  /** Build even what is current. */
  force?: boolean;
  /** Receives a line before each build ("building the forum…"). */
  progress?: (message: string) => void;
  /** Where the compilers' output goes; without it, to this process's stderr. */
  log?: WriteStream;
}

/** Builds the given parts (in dependency order) that are not current. Throws with the build's last lines. */
export async function build(parts: BuildPart[], options: BuildOptions = {}): Promise<void> {
  const steps = buildSteps();
  const wanted = new Set(parts.flatMap((part) => [part, ...(NEEDS[part] ?? [])]));
  for (const part of ALL_PARTS) {
    if (!wanted.has(part)) continue;
    const step = steps[part];
    if (!options.force && !isStale(step)) continue;
    options.progress?.(`building ${step.name}…`);
    await run(step, options.log);
  }
}

function run(step: BuildStep, log: WriteStream | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const [command, ...args] = step.command;
    const child = spawn(command!, args, {
      cwd: step.cwd,
      env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    const onData = (chunk: Buffer) => {
      if (log) log.write(chunk);
      else process.stderr.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`building ${step.name} failed (exit code ${code}):\n${tail.trim()}`));
    });
  });
}
