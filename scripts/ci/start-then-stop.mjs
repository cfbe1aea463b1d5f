#!/usr/bin/env node
// CI: what a newcomer does first, on this clone — `npm start`, a look at the site, Ctrl-C — so that `npm test`
// then runs in a clone that `npm start` has used (its data, secrets and builds), as on a developer's machine.
// Checks on the way: the console shows progress lines only, every printed address answers, the website
// accepts its own form posts on 127.0.0.1 and on localhost, nothing listens beyond loopback, Ctrl-C stops all.
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';

const problems = [];
const check = (ok, message) => {
  if (!ok) problems.push(message);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${message}`);
};

const child = spawn('npm', ['start'], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
let console_ = '';
child.stdout.on('data', (chunk) => (console_ += chunk));
child.stderr.on('data', (chunk) => (console_ += chunk));
const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));

const deadline = Date.now() + 15 * 60_000;
while (!console_.includes('press Ctrl-C to stop everything')) {
  if (child.exitCode !== null || Date.now() > deadline) {
    console.error(`npm start did not become ready:\n${console_}`);
    process.exit(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
}
console.log(console_);

const noise = console_.split('\n').filter((line) => /EBADENGINE|npm warn|deprecated/i.test(line));
check(noise.length === 0, `the console carries no npm noise (${noise.length} lines)`);

for (const host of ['127.0.0.1', 'localhost']) {
  const page = await fetch(`http://${host}:3000/projekte`);
  check(page.ok && (await page.text()).includes('Projekte gefunden'), `the website answers on ${host}`);
  const form = await fetch(`http://${host}:3000/anmelden`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: `http://${host}:3000` },
    body: 'email=niemand%40example.org&password=falsch',
  });
  check(form.status !== 403 && form.status < 500, `a form post on ${host} is accepted (HTTP ${form.status})`);
}
const api = await fetch('http://127.0.0.1:4000/graphql', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    query: '{ projects(pagination: { pageSize: 1 }) { title } threads(first: 1) { nodes { id } } }',
  }),
});
check(api.ok, `the GraphQL API answers (HTTP ${api.status})`);
check((await fetch('http://127.0.0.1:1337/admin')).ok, 'the Strapi admin answers');
check(console_.includes('http://127.0.0.1:1080'), 'npm start prints the mail inbox');
check((await fetch('http://127.0.0.1:1080/api/email')).ok, 'the mail inbox (MailDev) answers its REST API');

// The documented digest command, beside the running platform: the forum it started sends the due digests.
const digest = spawnSync('npm', ['run', '--silent', 'digest', '-w', 'services/forum', '--', '--now'], {
  encoding: 'utf8',
});
check(
  digest.status === 0 && /sent by the forum at http:\/\/127\.0\.0\.1:4001/.test(digest.stdout),
  `npm run digest -w services/forum -- --now asks the running forum (${(digest.stdout + digest.stderr).trim()})`,
);

// Nothing may answer on this machine's other addresses.
const external = Object.values(os.networkInterfaces())
  .flat()
  .filter((address) => address && !address.internal && address.family === 'IPv4')
  .map((address) => address.address);
for (const address of external)
  for (const port of [1337, 3000, 4000, 4001, 1025, 1080]) {
    const open = await new Promise((resolve) => {
      const socket = net.connect({ host: address, port, timeout: 1000 });
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => (socket.destroy(), resolve(false)));
    });
    check(!open, `nothing listens on ${address}:${port}`);
  }

// Ctrl-C: the terminal sends SIGINT to the whole process group.
process.kill(-child.pid, 'SIGINT');
const code = await Promise.race([
  exited,
  new Promise((resolve) => setTimeout(() => resolve('timeout'), 30_000)),
]);
// npm itself ends on the signal (as in a terminal); what matters is that it ends and every part with it.
check(code === 0 || code === 'SIGINT', `Ctrl-C ends npm start (${code})`);
const listening = (port) =>
  new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
for (const port of [1337, 3000, 4000, 4001, 1025, 1080]) {
  let open = true;
  for (let tries = 0; tries < 40 && open; tries += 1) {
    open = await listening(port);
    if (open) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  check(!open, `port ${port} is free again`);
}
const left = spawnSync('pgrep', [
  '-f',
  `${process.cwd()}/(cms/scripts/serve.mjs|services/forum/dist/main.js|gateway/dist/main.js|frontend/build/index.js|node_modules/maildev/dist/bin/maildev.js)`,
]);
check(
  left.stdout.toString().trim() === '',
  `no process of the platform is left (${left.stdout.toString().trim() || 'none'})`,
);

if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s) after npm start:\n- ${problems.join('\n- ')}`);
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
  process.exit(1);
}
