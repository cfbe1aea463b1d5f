import pg from 'pg';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, standalonePart, startPlatform, type Platform, type ServiceProcess } from './platform.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const waitFor = async (check: () => Promise<boolean>, timeoutMs = 20_000) => {
  const until = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await sleep(200);
  }
};

/**
 * A reader as a client should be written: it keeps the cursor of the last post it saw; when its subscription
 * ends with an error it subscribes again from that cursor. It also counts any post it gets twice.
 */
class Reader {
  readonly posts: { id: string; body: string }[] = [];
  private cursor: string | null = null;
  private client: Client | undefined;
  private stopped = false;

  constructor(
    private readonly platform: Platform,
    private readonly threadId: string,
  ) {}

  private add(post: { id: string; body: string; cursor: string }) {
    this.posts.push({ id: post.id, body: post.body });
    this.cursor = post.cursor;
  }

  async start(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.session();
      } catch {
        // the gateway or the forum is not back yet
      }
      await sleep(300);
    }
  }

  private async session() {
    // Subscribing with the last cursor seen replays what was written meanwhile, then goes on live.
    this.client = this.platform.subscriber();
    await new Promise<void>((resolve) => {
      this.client!.subscribe(
        {
          query:
            'subscription ($t: ID!, $after: String) { postAdded(threadId: $t, after: $after) { id body cursor } }',
          variables: { t: this.threadId, after: this.cursor },
        },
        {
          next: (event: any) => event.data && this.add(event.data.postAdded),
          error: () => resolve(),
          complete: () => resolve(),
        },
      );
    });
    await this.client.dispose();
  }

  async stop() {
    this.stopped = true;
    await this.client?.dispose();
  }
}

describe.runIf(backend === 'postgres')('faults', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await startPlatform();
  });
  afterAll(() => platform?.close());

  it('the forum is killed while subscribers are connected: each reconnects and ends with every post, none twice', async () => {
    const writer = await platform.register();
    const { categories } = await platform.ok('{ categories { id } }');
    const { createThread } = await platform.ok(
      'mutation ($i: CreateThreadInput!) { createThread(input: $i) { id } }',
      { i: { title: 'Ausfallsicher', body: 'Beitrag 0', categoryId: categories[0].id } },
      writer.token,
    );
    const readers = Array.from({ length: 10 }, () => new Reader(platform, createThread.id));
    const running = readers.map((reader) => reader.start());
    await sleep(1000);

    // The opening post was written before anyone subscribed; every later one must reach every reader.
    const written: string[] = [];
    const write = async (body: string) => {
      for (;;) {
        const result = await platform.gql(
          'mutation ($t: ID!, $b: String!) { addPost(input: { threadId: $t, body: $b }) { id } }',
          { t: createThread.id, b: body },
          { token: writer.token },
        );
        if (!result.errors) return written.push(body);
        await sleep(200); // the forum is down: try again, as a person would
      }
    };
    for (let i = 1; i <= 10; i++) await write(`Beitrag ${i}`);
    await platform.forum.kill();
    const writing = (async () => {
      for (let i = 11; i <= 20; i++) await write(`Beitrag ${i}`);
    })();
    await sleep(1500);
    await platform.forum.restart();
    await writing;
    for (let i = 21; i <= 25; i++) await write(`Beitrag ${i}`);

    await waitFor(async () => readers.every((reader) => reader.posts.length >= written.length)).catch(
      (error) => {
        throw new Error(
          `${(error as Error).message}: wrote ${written.length}, readers have ${readers.map((reader) => reader.posts.length).join(', ')}`,
        );
      },
    );
    for (const reader of readers) {
      expect(reader.posts.map((post) => post.body)).toEqual(written);
      expect(new Set(reader.posts.map((post) => post.id)).size).toBe(reader.posts.length);
    }
    await Promise.all(readers.map((reader) => reader.stop()));
    await Promise.race([Promise.all(running), sleep(2000)]);
  });
});

/** A PostgreSQL server of the test's own (initdb in a temporary folder), so stopping it disturbs nobody. */
class PrivatePostgres {
  readonly port = 5400 + Math.floor(Math.random() * 90);
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'pg-fault-'));
  private readonly bin = (() => {
    const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort() : [];
    return `/usr/lib/postgresql/${versions.at(-1)}/bin`;
  })();

  get url() {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private asPostgres(command: string, args: string[]) {
    // initdb and pg_ctl refuse to run as root.
    return process.getuid?.() === 0
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(this.bin, command), ...args], {
          stdio: 'pipe',
        })
      : execFileSync(path.join(this.bin, command), args, { stdio: 'pipe' });
  }

  init() {
    if (process.getuid?.() === 0)
      chownSync(
        this.dir,
        Number(execFileSync('id', ['-u', 'postgres']).toString()),
        Number(execFileSync('id', ['-g', 'postgres']).toString()),
      );
    this.asPostgres('initdb', [
      '-D',
      path.join(this.dir, 'data'),
      '-A',
      'trust',
      '-U',
      'postgres',
      '--no-sync',
    ]);
  }

  start() {
    this.asPostgres('pg_ctl', [
      '-D',
      path.join(this.dir, 'data'),
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      '-l',
      path.join(this.dir, 'log'),
      '-w',
      'start',
    ]);
  }

  stop() {
    this.asPostgres('pg_ctl', ['-D', path.join(this.dir, 'data'), '-m', 'fast', '-w', 'stop']);
  }

  destroy() {
    try {
      this.stop();
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A Redis of the test's own, to take away and bring back. */
class PrivateRedis {
  readonly port = 6400 + Math.floor(Math.random() * 90);
  private child: ChildProcess | undefined;

  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start() {
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await waitFor(async () => {
      try {
        execFileSync('redis-cli', ['-p', String(this.port), 'ping'], { stdio: 'pipe' });
        return true;
      } catch {
        return false;
      }
    });
  }

  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

const hasPostgresBinaries = existsSync('/usr/lib/postgresql');

describe.runIf(backend === 'postgres' && hasPostgresBinaries)(
  'the forum when its database or Redis goes away',
  () => {
    const postgres = new PrivatePostgres();
    const redis = new PrivateRedis();
    let forum: ServiceProcess;

    beforeAll(async () => {
      postgres.init();
      postgres.start();
      await redis.start();
      forum = await standalonePart('forum', {
        FORUM_DATABASE_URL: postgres.url,
        REDIS_URL: redis.url,
        FORUM_PASSWORD_HASH_COST: '10',
        LOG_LEVEL: 'info',
      });
      await forum.start();
    });
    afterAll(async () => {
      await forum?.stop();
      await redis.stop();
      postgres.destroy();
    });

    const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
      const response = await fetch(`${forum.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as any };
    };

    /** Registers, confirms the address in the forum's database (this forum has no inbox) and signs in. */
    const verifiedMember = async (email: string, displayName: string) => {
      await gql(
        `mutation { registerMember(input: { email: "${email}", password: "ein langes passwort", displayName: "${displayName}", sector: SONSTIGE }) { email } }`,
      );
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      await client.query('UPDATE member SET email_verified_at = now() WHERE email = $1', [email]);
      await client.end();
      const signedIn = await gql(
        `mutation { signIn(email: "${email}", password: "ein langes passwort") { token } }`,
      );
      return signedIn.body.data.signIn.token as string;
    };

    it('answers errors while PostgreSQL is down, under load, and recovers by itself', async () => {
      const token = await verifiedMember('pg-fault@example.org', 'PG');
      const { body } = await gql('{ categories { id } }');
      const categoryId = body.data.categories[0].id;
      const create = () =>
        gql(
          'mutation ($c: ID!) { createThread(input: { title: "Unter Last", body: "x", categoryId: $c }) { id } }',
          { c: categoryId },
          token,
        );

      let stop = false;
      const outcomes: string[] = [];
      const load = (async () => {
        while (!stop) {
          const result = await create().catch((error: Error) => ({
            status: 0,
            body: { errors: [{ message: error.message }] },
          }));
          outcomes.push(
            result.status === 200 && !result.body.errors
              ? 'ok'
              : `error ${result.status} ${result.body.errors?.[0]?.extensions?.code ?? ''}`,
          );
          await sleep(20);
        }
      })();
      await sleep(500);
      postgres.stop();
      await sleep(1500);
      const ready = await fetch(`${forum.url}/ready`);
      expect(ready.status).toBe(503);
      expect((await fetch(`${forum.url}/health`)).status).toBe(200);
      postgres.start();
      await waitFor(
        async () => outcomes.slice(-3).every((outcome) => outcome === 'ok') && outcomes.length > 3,
      );
      stop = true;
      await load;
      const failures = outcomes.filter((outcome) => outcome !== 'ok');
      expect(failures.length).toBeGreaterThan(0);
      // While down: GraphQL errors with a code, never a crash or a hang (status 0 would be a dropped connection).
      expect(
        failures.every(
          (failure) =>
            failure.startsWith('error 200 INTERNAL_SERVER_ERROR') || failure.startsWith('error 500'),
        ),
      ).toBe(true);
      expect((await fetch(`${forum.url}/ready`)).status).toBe(200);
    });

    it('keeps taking posts while Redis is away, says so at /ready, and delivers live again when it returns', async () => {
      const token = await verifiedMember('redis-fault@example.org', 'Redis');
      const { body } = await gql('{ categories { id } }');
      const thread = await gql(
        'mutation ($c: ID!) { createThread(input: { title: "Ohne Redis", body: "x", categoryId: $c }) { id } }',
        { c: body.data.categories[0].id },
        token,
      );
      const threadId = thread.body.data.createThread.id;

      await redis.stop();
      await waitFor(async () => (await fetch(`${forum.url}/ready`)).status === 503);
      const during = await gql(
        'mutation ($t: ID!) { addPost(input: { threadId: $t, body: "während Redis fehlt" }) { id } }',
        { t: threadId },
        token,
      );
      expect(during.body.errors).toBeUndefined();

      await redis.start();
      await waitFor(async () => (await fetch(`${forum.url}/ready`)).status === 200);
      const { createClient } = await import('graphql-ws');
      const { default: WebSocket } = await import('ws');
      const client = createClient({
        url: `${forum.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
      });
      const received = new Promise<any>((resolve, reject) => {
        client.subscribe(
          {
            query: 'subscription ($t: ID!) { postAdded(threadId: $t) { body } }',
            variables: { t: threadId },
          },
          { next: resolve, error: reject, complete: () => undefined },
        );
      });
      await sleep(500);
      await gql(
        'mutation ($t: ID!) { addPost(input: { threadId: $t, body: "Redis ist zurück" }) { id } }',
        { t: threadId },
        token,
      );
      expect((await received).data.postAdded.body).toBe('Redis ist zurück');
      await client.dispose();
      const all = await gql('query ($t: ID!) { posts(threadId: $t) { nodes { body } } }', { t: threadId });
      expect(all.body.data.posts.nodes.map((node: { body: string }) => node.body)).toEqual([
        'x',
        'während Redis fehlt',
        'Redis ist zurück',
      ]);
    });
  },
);
