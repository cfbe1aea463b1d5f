// Whole-table exports (no filter) kept as files. The first request after a change builds the file while it is
// streamed to that client (the bytes go to both; memory stays flat); every later request is the file, from disk,
// with an ETag, until the CMS reports a change since the file was built (the mirroring API: `updatedSince` on
// every list, `removedDocuments`). So a portal downloading 10,000 projects waits for a disk read, not for
// 100 pages through gateway and CMS — and is answered 304 when it asks again with If-None-Match.
import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { env } from '$env/dynamic/private';
import { graphql } from '$lib/graphql';
import type { Api } from '../api';
import type { ExportStream } from './export';

/** A change that came in while a file was being built counts as after it: the clocks of two hosts may differ. */
const CLOCK_MARGIN_MS = 5_000;
/** Files a stopped website left behind are removed after this long. */
const LEFTOVER_MS = 24 * 3600_000;

const ChangedSince = graphql(`
  query OpenDataChangedSince($since: DateTime!) {
    projects(updatedSince: $since, pagination: { pageSize: 1 }) {
      documentId
    }
    workshops(updatedSince: $since, pagination: { pageSize: 1 }) {
      documentId
    }
    cities(updatedSince: $since, pagination: { pageSize: 1 }) {
      documentId
    }
    actionFields(updatedSince: $since, pagination: { pageSize: 1 }) {
      documentId
    }
    organisations(updatedSince: $since, pagination: { pageSize: 1 }) {
      documentId
    }
    removedDocuments(since: $since, first: 1) {
      documentId
    }
  }
`);

/** Whether any published content changed or went after this moment; null when the gateway cannot say. */
async function changedSince(api: Api, since: Date): Promise<boolean | null> {
  const { data } = await api.run(ChangedSince, { since: since.toISOString() });
  if (!data) return null;
  return [
    data.projects,
    data.workshops,
    data.cities,
    data.actionFields,
    data.organisations,
    data.removedDocuments,
  ].some((list) => list.length > 0);
}

interface KeptFile {
  file: string;
  /** When the content it holds was read (its build started). */
  readAt: Date;
  total: number;
  etag: string;
}

export interface ExportAnswer {
  body: ReadableStream<Uint8Array> | null;
  total: number;
  /** The kept file the answer is (or whose 304 it is). */
  kept?: { etag: string; readAt: Date };
  notModified?: boolean;
  /** How the answer came about, for the X-Export header (benchmarks and tests read it). */
  source: 'file' | 'built';
}

/** An export built for this request only. */
export const liveAnswer = (exported: ExportStream): ExportAnswer => ({
  body: exported.body,
  total: exported.total,
  source: 'built',
});

export interface ExportFilesOptions {
  directory?: string;
  now?: () => Date;
}

export class ExportFiles {
  private readonly kept = new Map<string, KeptFile>();
  /** Keys whose file is being written: a second request meanwhile exports live without writing. */
  private readonly building = new Set<string>();
  private readonly now: () => Date;
  private directory = '';

  constructor(private readonly options: ExportFilesOptions = {}) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * The folder, made on first use (the environment is read then): one per process, so that replicas on one host
   * never write each other's files.
   */
  private prepare() {
    if (!this.directory) {
      const base =
        this.options.directory ?? env['OPEN_DATA_CACHE_DIR'] ?? path.join(os.tmpdir(), 'stadtnetz-open-data');
      this.directory = path.join(base, String(process.pid));
      mkdirSync(base, { recursive: true });
      for (const entry of readdirSync(base)) {
        const folder = path.join(base, entry);
        if (folder === this.directory || Date.now() - statSync(folder).mtimeMs > LEFTOVER_MS)
          rmSync(folder, { recursive: true, force: true });
      }
    }
    // Again each time: a cleaner of the temporary folder may have taken it.
    mkdirSync(this.directory, { recursive: true });
  }

  /**
   * The export named by `key` (dataset, format, delimiter, licence): the kept file while nothing changed since
   * it was read, else `build()`'s stream — written to a new file on the way when no other request is writing it.
   */
  async answer(
    api: Api,
    key: string,
    build: () => Promise<ExportStream>,
    ifNoneMatch: string | null,
  ): Promise<ExportAnswer> {
    this.prepare();
    const kept = this.kept.get(key);
    // Gone from disk (a cleaner emptied the temporary folder), the file is built again.
    const fresh =
      kept !== undefined &&
      existsSync(kept.file) &&
      (await changedSince(api, new Date(kept.readAt.getTime() - CLOCK_MARGIN_MS))) === false;
    if (kept && fresh) {
      const common = { total: kept.total, kept, source: 'file' as const };
      const tags = ifNoneMatch?.split(',').map((tag) => tag.trim().replace(/^W\//, '')) ?? [];
      if (tags.includes(kept.etag) || tags.includes('*')) return { ...common, body: null, notModified: true };
      return { ...common, body: Readable.toWeb(createReadStream(kept.file)) as ReadableStream<Uint8Array> };
    }
    const readAt = this.now();
    const exported = await build();
    if (this.building.has(key)) return liveAnswer(exported);
    this.building.add(key);
    return { body: this.keepWhileStreaming(key, readAt, exported), total: exported.total, source: 'built' };
  }

  /** The export's bytes to the client and to a new file; the file is kept only when the export ended whole. */
  private keepWhileStreaming(key: string, readAt: Date, exported: ExportStream) {
    const file = path.join(
      this.directory,
      `${createHash('sha256').update(key).digest('hex').slice(0, 16)}-${readAt.getTime()}`,
    );
    const out = createWriteStream(file);
    const hash = createHash('sha256');
    let outFailed = false;
    out.on('error', () => (outFailed = true));
    const abandon = () => {
      this.building.delete(key);
      out.destroy();
      void rm(file, { force: true });
    };
    const finish = async () => {
      await new Promise<void>((resolve, reject) =>
        out.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
      if (outFailed || exported.written() !== exported.total) return abandon();
      const etag = `"${hash.digest('hex').slice(0, 32)}"`;
      const previous = this.kept.get(key);
      const final = `${file}.done`;
      await rename(file, final);
      this.kept.set(key, { file: final, readAt, total: exported.total, etag });
      this.building.delete(key);
      if (previous) void rm(previous.file, { force: true });
    };
    const reader = exported.body.getReader();
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            // The file is kept before the client sees the end: whoever asks next gets it.
            await finish().catch(abandon);
            controller.close();
            return;
          }
          hash.update(value);
          if (!outFailed && !out.write(value))
            await new Promise<void>((resolve) => {
              out.once('drain', () => resolve());
              out.once('error', () => resolve());
            });
          controller.enqueue(value);
        } catch (error) {
          abandon();
          controller.error(error);
        }
      },
      async cancel(reason) {
        abandon();
        await reader.cancel(reason);
      },
    });
  }
}

/** The website's one set of kept export files. */
export const exportFiles = new ExportFiles();
