import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Api } from '../api';
import { csvRecord } from './csv';
import { exportDataset } from './export';
import { PAGE_SIZE, datasetOf, type Dataset } from './datasets';
import { DEFAULT_LICENCE } from './licence';

interface Item {
  documentId: string;
  title: string;
  lon: number | null;
}

/** A dataset of `total` entries served page by page, as the gateway serves them; counts the pages asked for. */
function synthetic(total: number) {
  const asked: number[] = [];
  const items: Item[] = Array.from({ length: total }, (_, i) => ({
    documentId: `p${i}`,
    title:
      i === 0
        ? 'Straße, „Übergänge“ und "Brücken"\nzweite Zeile'
        : i === 1
          ? '=HYPERLINK("x")'
          : `Projekt ${i} – Förderung`,
    lon: i % 2 === 0 ? 13.4 : null,
  }));
  const dataset: Dataset<Item> = {
    name: 'projekte',
    formats: ['csv', 'json', 'geojson'],
    title: { de: 'Projekte', en: 'Projects' },
    description: { de: '', en: '' },
    keywords: [],
    filters: {},
    async fetchPage(_api, page) {
      asked.push(page);
      return { total, items: items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE) };
    },
    columns: ['documentId', 'title'],
    record: (item) => ({ documentId: item.documentId, title: item.title }),
    json: (item) => item,
    point: (item) => (item.lon === null ? null : [item.lon, 52.5]),
  };
  return { dataset, asked };
}

const api = {} as Api;
const options = {
  origin: 'https://example.org',
  licence: DEFAULT_LICENCE,
  now: new Date('2026-12-01T00:00:00Z'),
};

/** The bytes as they are, the byte order mark included (Response.text() would drop it). */
async function read(stream: ReadableStream<Uint8Array>): Promise<string> {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

describe('open data exports', () => {
  it('writes RFC 4180 CSV with a BOM, one record per entry, German characters intact', async () => {
    const { dataset, asked } = synthetic(250);
    const exported = await exportDataset(api, dataset, { ...options, format: 'csv' });
    expect(exported.total).toBe(250);
    const bytes = new Uint8Array(await new Response(exported.body).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text).toContain('\r\n');
    const records = parse(text, { bom: true, columns: true, relax_quotes: false }) as Record<
      string,
      string
    >[];
    expect(records).toHaveLength(250);
    expect(exported.written()).toBe(250);
    expect(records[0]!.title).toBe('Straße, „Übergänge“ und "Brücken"\nzweite Zeile');
    // A formula is text in a spreadsheet, never run.
    expect(records[1]!.title).toBe(`'=HYPERLINK("x")`);
    expect(records[249]!.documentId).toBe('p249');
    expect(asked).toEqual([1, 2, 3]);
  });

  it('writes semicolon-separated CSV for German spreadsheets', async () => {
    const { dataset } = synthetic(3);
    const exported = await exportDataset(api, dataset, { ...options, format: 'csv', delimiter: ';' });
    const text = await read(exported.body);
    expect(text.split('\r\n')[0]).toBe('\uFEFFdocumentId;title');
    expect(parse(text, { bom: true, columns: true, delimiter: ';' })).toHaveLength(3);
  });

  it('writes JSON with the licence and the total, and GeoJSON with a point per located entry', async () => {
    const { dataset } = synthetic(205);
    const json = JSON.parse(
      await read((await exportDataset(api, dataset, { ...options, format: 'json' })).body),
    );
    expect(json.total).toBe(205);
    expect(json.items).toHaveLength(205);
    expect(json.licence).toMatchObject({
      id: 'dl-by-de/2.0',
      uri: 'http://dcat-ap.de/def/licenses/dl-by-de/2.0',
    });
    const geo = JSON.parse(
      await read((await exportDataset(api, dataset, { ...options, format: 'geojson' })).body),
    );
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features).toHaveLength(205);
    expect(geo.features[0].geometry).toEqual({ type: 'Point', coordinates: [13.4, 52.5] });
    expect(geo.features[1].geometry).toBeNull();
  });

  it('an empty dataset is a header and nothing else', async () => {
    const { dataset } = synthetic(0);
    const text = await read((await exportDataset(api, dataset, { ...options, format: 'csv' })).body);
    expect(text).toBe('\uFEFFdocumentId,title\r\n');
    const json = JSON.parse(
      await read((await exportDataset(api, dataset, { ...options, format: 'json' })).body),
    );
    expect(json).toMatchObject({ total: 0, items: [] });
  });

  it('cuts the connection when a later page fails, so half a file never looks whole', async () => {
    const { dataset } = synthetic(300);
    const failing: Dataset<Item> = {
      ...dataset,
      fetchPage: async (a, page, where) => {
        if (page === 3) throw new Error('gateway gone');
        return dataset.fetchPage(a, page, where);
      },
    };
    const exported = await exportDataset(api, failing, { ...options, format: 'json' });
    await expect(read(exported.body)).rejects.toThrow();
  });

  it('knows its addresses', () => {
    expect(datasetOf('projekte.geojson')?.format).toBe('geojson');
    expect(datasetOf('workshops.csv')?.dataset.name).toBe('workshops');
    expect(datasetOf('handlungsfelder.geojson')).toBeNull();
    expect(datasetOf('mitglieder.csv')).toBeNull();
    expect(datasetOf('projekte.xlsx')).toBeNull();
  });

  it('quotes what RFC 4180 says must be quoted, and only that', () => {
    expect(csvRecord(['a', 'b,c', 'd"e', 'f\ng', 1.5, true, null])).toBe(
      'a,"b,c","d""e","f\ng",1.5,true,\r\n',
    );
    expect(csvRecord(['a;b', 'c'], ';')).toBe('"a;b";c\r\n');
    expect(csvRecord(['-5 Grad', '+49', '@x'])).toBe("'-5 Grad,'+49,'@x\r\n");
  });
});
