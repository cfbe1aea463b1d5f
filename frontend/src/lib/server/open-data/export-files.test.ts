import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExportStream } from './export';
import type { ExportFiles as ExportFilesClass } from './export-files';
import type { Api as ApiClass } from '../api';

// A gateway stand-in that answers the "changed since?" question as the test says, and counts the questions.
let gateway: Server;
let changed: boolean | 'unavailable' = false;
let questions = 0;
let ExportFiles: typeof ExportFilesClass;
let api: ApiClass;
let directory: string;

beforeAll(async () => {
  gateway = createServer((request, response) => {
    questions += 1;
    request.resume().on('end', () => {
      response.setHeader('content-type', 'application/json');
      if (changed === 'unavailable') {
        response.statusCode = 503;
        response.end(JSON.stringify({ errors: [{ message: 'down' }] }));
        return;
      }
      const list = changed ? [{ documentId: 'x' }] : [];
      const data = { projects: list, workshops: [], cities: [], actionFields: [], organisations: [] };
      response.end(JSON.stringify({ data: { ...data, removedDocuments: [] } }));
    });
  });
  await new Promise<void>((ready) => gateway.listen(0, '127.0.0.1', ready));
  const { env } = await import('$env/dynamic/private');
  env['GATEWAY_URL'] = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
  ({ ExportFiles } = await import('./export-files'));
  const { Api } = await import('../api');
  api = new Api(undefined);
});
afterAll(() => new Promise((closed) => gateway.close(closed)));

let files: ExportFilesClass;
let builds = 0;
beforeEach(() => {
  directory = mkdtempSync(path.join(os.tmpdir(), 'export-files-'));
  files = new ExportFiles({ directory });
  changed = false;
  builds = 0;
});

/** An export of `rows` lines, in chunks; `shortBy` announces more than it writes (entries went meanwhile). */
function build(rows: number, shortBy = 0) {
  return async (): Promise<ExportStream> => {
    builds += 1;
    const build = builds;
    let index = 0;
    const encoder = new TextEncoder();
    return {
      total: rows + shortBy,
      written: () => index,
      body: new ReadableStream<Uint8Array>({
        pull(controller) {
          if (index >= rows) return controller.close();
          index += 1;
          controller.enqueue(encoder.encode(`build ${build}, row ${index}\n`));
        },
      }),
    };
  };
}

const text = (body: ReadableStream<Uint8Array> | null) => new Response(body).text();
const keptFiles = () => readdirSync(path.join(directory, String(process.pid)));

describe('a whole-table export', () => {
  it('is built once, then answered from its file with an ETag until the content changes', async () => {
    const first = await files.answer(api, 'projekte.csv', build(1000), null);
    expect(first.source).toBe('built');
    const built = await text(first.body);
    expect(built.split('\n')).toHaveLength(1001);

    const again = await files.answer(api, 'projekte.csv', build(1000), null);
    expect(again.source).toBe('file');
    expect(await text(again.body)).toBe(built);
    expect(again.kept?.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(builds).toBe(1);

    // A portal that has it already gets a 304.
    const conditional = await files.answer(api, 'projekte.csv', build(1000), again.kept!.etag);
    expect(conditional).toMatchObject({ notModified: true, body: null, source: 'file' });

    // An editor changes something: the next request builds a new file, with another ETag.
    changed = true;
    const rebuilt = await files.answer(api, 'projekte.csv', build(1000), again.kept!.etag);
    expect(rebuilt.source).toBe('built');
    expect(rebuilt.notModified).toBeUndefined();
    expect(await text(rebuilt.body)).toContain('build 2, row 1000');
    changed = false;
    const newer = await files.answer(api, 'projekte.csv', build(1000), again.kept!.etag);
    expect(newer.source).toBe('file');
    expect(newer.kept!.etag).not.toBe(again.kept!.etag);
    expect(await text(newer.body)).toContain('build 2, row 1000');
    expect(keptFiles()).toHaveLength(1);
  });

  it('keeps no file from a download cut off half-way, nor from one that ended short', async () => {
    const cut = await files.answer(api, 'projekte.json', build(1000), null);
    const reader = cut.body!.getReader();
    await reader.read();
    await reader.cancel();
    const short = await files.answer(api, 'projekte.json', build(10, 1), null);
    await text(short.body);
    const next = await files.answer(api, 'projekte.json', build(10), null);
    expect(next.source).toBe('built');
    await text(next.body);
    expect(builds).toBe(3);
    expect((await files.answer(api, 'projekte.json', build(10), null)).source).toBe('file');
  });

  it('builds for a second client while the first is still downloading, and keeps one file', async () => {
    const first = await files.answer(api, 'projekte.geojson', build(500), null);
    const second = await files.answer(api, 'projekte.geojson', build(500), null);
    expect(second.source).toBe('built');
    const [a, b] = await Promise.all([text(first.body), text(second.body)]);
    expect(a).toContain('build 1, row 500');
    expect(b).toContain('build 2, row 500');
    expect(keptFiles()).toHaveLength(1);
    expect(await text((await files.answer(api, 'projekte.geojson', build(500), null)).body)).toBe(a);
  });

  it('is built again when the gateway cannot say whether anything changed', async () => {
    await text((await files.answer(api, 'staedte.csv', build(5), null)).body);
    changed = 'unavailable';
    expect((await files.answer(api, 'staedte.csv', build(5), null)).source).toBe('built');
  });

  it('is built again when its file went (a cleaner emptied the temporary folder)', async () => {
    await text((await files.answer(api, 'workshops.csv', build(5), null)).body);
    rmSync(path.join(directory, String(process.pid)), { recursive: true, force: true });
    const asked = questions;
    const answer = await files.answer(api, 'workshops.csv', build(5), null);
    expect(answer.source).toBe('built');
    expect(questions).toBe(asked);
  });
});
