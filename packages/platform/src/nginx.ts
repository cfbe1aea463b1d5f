import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inRoot } from './paths.js';
import { HOST, type Topology } from './topology.js';

export const NGINX = process.env['PLATFORM_NGINX'] ?? '/usr/sbin/nginx';

export function nginxAvailable(): boolean {
  return existsSync(NGINX);
}

/**
 * deploy/nginx.conf as this machine runs it: the same server block, with compose's service names
 * (resolved by Docker's DNS to every replica) turned into upstream groups of the local replicas, and the
 * listen address local. Returns the path of a complete nginx.conf in `dir`.
 */
export function renderNginxConfig(topology: Topology, dir: string): string {
  const proxyPort = topology.ports.proxy;
  if (!proxyPort) throw new Error('the proxy needs a port');
  const site = readFileSync(inRoot('deploy', 'nginx.conf'), 'utf8');
  const upstream = (name: string, ports: number[]) =>
    `upstream stadtnetz_${name} {\n${ports.map((port) => `  server ${HOST}:${port};`).join('\n')}\n}\n`;
  const server = site
    .replace(/^\s*resolver\s[^;]*;\s*$/m, '')
    .replace(/http:\/\/gateway:4000/g, 'http://stadtnetz_gateway')
    .replace(/http:\/\/frontend:3000/g, 'http://stadtnetz_frontend')
    .replace(/listen\s+8080;/, `listen ${HOST}:${proxyPort};`);
  for (const folder of ['logs', 'temp']) mkdirSync(path.join(dir, folder), { recursive: true });
  const conf = [
    // As root, nginx would hand its workers to "nobody", who cannot read the scratch folder.
    process.getuid?.() === 0 ? 'user root;' : '',
    'worker_processes 1;',
    `pid ${path.join(dir, 'nginx.pid')};`,
    `error_log ${path.join(dir, 'logs', 'error.log')} warn;`,
    'events { worker_connections 4096; }',
    'http {',
    `  access_log ${path.join(dir, 'logs', 'access.log')};`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
      (kind) => `  ${kind}_temp_path ${path.join(dir, 'temp', kind)};`,
    ),
    upstream('gateway', topology.ports.gateway),
    upstream('frontend', [topology.ports.website]),
    server,
    '}',
  ].join('\n');
  const file = path.join(dir, 'nginx.conf');
  writeFileSync(file, conf);
  return file;
}
