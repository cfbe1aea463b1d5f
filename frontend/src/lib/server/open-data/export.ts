// An export as a stream: the first page is fetched before the answer starts (so a failing gateway is a 503, not a
// cut file), then one page after another is fetched while the previous one is written — a few pages ahead at
// most, so memory stays flat however large the table. Never a whole-table string.
import { BOM, csvRecord, type CsvDelimiter } from './csv';
import { PAGE_SIZE, type Dataset, type Format, type Page } from './datasets';
import type { OpenDataLicence } from './licence';
import { licenceUri } from './licence';
import type { Api } from '../api';

/** Pages fetched ahead of the one being written. */
const LOOKAHEAD = 2;

export interface ExportOptions {
  format: Format;
  origin: string;
  licence: OpenDataLicence;
  where?: Record<string, unknown>;
  delimiter?: CsvDelimiter;
  /** The moment of the export (tests pass one). */
  now?: Date;
}

export interface ExportStream {
  total: number;
  body: ReadableStream<Uint8Array>;
  /** Entries written so far (equals `total` when the stream has ended, unless entries changed meanwhile). */
  written(): number;
}

interface Encoder<T> {
  head(total: number): string;
  item(item: T, index: number): string;
  tail(): string;
}

function licenceJson(licence: OpenDataLicence) {
  return {
    name: licence.name,
    id: licence.id,
    uri: licenceUri(licence.id),
    url: licence.url,
    attribution: licence.attribution,
  };
}

function encoderOf<T>(dataset: Dataset<T>, options: ExportOptions): Encoder<T> {
  const { origin, licence } = options;
  const generatedAt = (options.now ?? new Date()).toISOString();
  const meta = {
    dataset: dataset.name,
    title: dataset.title.de,
    source: `${origin}/daten`,
    licence: licenceJson(licence),
    publisher: licence.publisher.name,
    generatedAt,
  };
  if (options.format === 'csv') {
    const delimiter = options.delimiter ?? ',';
    return {
      head: () => BOM + csvRecord(dataset.columns, delimiter),
      item: (item) => {
        const record = dataset.record(item, origin);
        return csvRecord(
          dataset.columns.map((column) => record[column]),
          delimiter,
        );
      },
      tail: () => '',
    };
  }
  if (options.format === 'geojson') {
    return {
      // Foreign members (RFC 7946 § 6.1) carry the licence beside the features.
      head: (total) =>
        `${JSON.stringify({ type: 'FeatureCollection', ...meta, total }).slice(0, -1)},"features":[`,
      item: (item, index) => {
        const point = dataset.point?.(item) ?? null;
        const record = dataset.record(item, origin);
        const feature = {
          type: 'Feature',
          id: record['documentId'],
          geometry: point ? { type: 'Point', coordinates: point } : null,
          properties: record,
        };
        return (index === 0 ? '' : ',') + JSON.stringify(feature);
      },
      tail: () => ']}',
    };
  }
  return {
    head: (total) => `${JSON.stringify({ ...meta, total }).slice(0, -1)},"items":[`,
    item: (item, index) => (index === 0 ? '' : ',') + JSON.stringify(dataset.json(item, origin)),
    tail: () => ']}\n',
  };
}

/**
 * Starts the export of a dataset: resolves once the first page is there (it throws what fetching it threw), then
 * streams the rest.
 */
export async function exportDataset<T>(
  api: Api,
  dataset: Dataset<T>,
  options: ExportOptions,
): Promise<ExportStream> {
  const fetchPage = (n: number): Promise<Page<T>> => dataset.fetchPage(api, n, options.where);
  const first = await fetchPage(1);
  const total = first.total;
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const encoder = encoderOf(dataset, options);
  const encode = new TextEncoder();
  const pending = new Map<number, Promise<Page<T>>>();
  let next = 2;
  let index = 0;
  let started = false;
  let finished = false;

  const ahead = () => {
    while (next <= pageCount && pending.size < LOOKAHEAD) {
      const promise = fetchPage(next);
      promise.catch(() => undefined); // handled when its turn comes
      pending.set(next, promise);
      next += 1;
    }
  };
  const write = (items: T[]) => {
    let chunk = '';
    for (const item of items) {
      if (index >= total) break; // entries published meanwhile: the file keeps the count it announced
      chunk += encoder.item(item, index);
      index += 1;
    }
    return chunk;
  };
  let current = 1;

  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          ahead();
          controller.enqueue(encode.encode(encoder.head(total) + write(first.items)));
          return;
        }
        current += 1;
        const promise = pending.get(current);
        if (!promise || index >= total) {
          if (!finished) {
            finished = true;
            const tail = encoder.tail();
            if (tail) controller.enqueue(encode.encode(tail));
          }
          controller.close();
          return;
        }
        pending.delete(current);
        ahead();
        const page = await promise;
        const chunk = write(page.items);
        if (chunk) controller.enqueue(encode.encode(chunk));
      } catch (error) {
        // Half a file must not look like a whole one: the connection is cut, not closed cleanly.
        console.error(`open data export ${dataset.name} stopped: ${(error as Error).message}`);
        controller.error(error);
      }
    },
    cancel() {
      pending.clear();
      next = pageCount + 1;
    },
  });
  return { total, body, written: () => index };
}
