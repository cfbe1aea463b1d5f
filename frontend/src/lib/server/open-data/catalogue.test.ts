import jsonld from 'jsonld';
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { catalogueJsonLd, catalogueTurtle } from './catalogue';
import { DATASETS } from './datasets';
import { DEFAULT_LICENCE } from './licence';

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const DCATDE = 'http://dcat-ap.de/def/dcatde/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

const input = {
  origin: 'https://stadtnetz.example',
  apiUrl: 'https://api.stadtnetz.example/graphql',
  licence: { ...DEFAULT_LICENCE, contributorId: 'http://dcat-ap.de/def/contributors/stadtnetzIntegration' },
  modified: { projekte: '2026-11-30T10:00:00.000Z', workshops: '2026-11-01T08:00:00.000Z' },
};

type Node = Record<string, unknown> & { '@id': string; '@type'?: string[] };

describe('DCAT-AP.de catalogue', () => {
  it('expands (JSON-LD processor) to a catalogue whose datasets and distributions have what DCAT-AP.de requires', async () => {
    const expanded = (await jsonld.expand(catalogueJsonLd(input) as jsonld.JsonLdDocument)) as Node[];
    const byId = new Map(expanded.map((node) => [node['@id'], node]));
    const ofType = (type: string) => expanded.filter((node) => node['@type']?.includes(type));
    const ids = (node: Node, property: string) =>
      ((node[property] as { '@id': string }[] | undefined) ?? []).map((value) => value['@id']);
    const literals = (node: Node, property: string) =>
      ((node[property] as { '@value': string; '@language'?: string }[] | undefined) ?? []).map(
        (value) => value['@value'],
      );

    const [catalogue] = ofType(`${DCAT}Catalog`);
    expect(catalogue).toBeDefined();
    expect(literals(catalogue!, `${DCT}title`)).toContain('Offene Daten von Stadtnetz Integration');
    expect(literals(catalogue!, `${DCT}description`).length).toBeGreaterThan(0);
    expect(ids(catalogue!, `${DCT}publisher`)).toHaveLength(1);

    const datasets = ofType(`${DCAT}Dataset`);
    expect(datasets.map((d) => d['@id']).sort()).toEqual(
      DATASETS.map((d) => `${input.origin}/daten#${d.name}`).sort(),
    );
    expect(ids(catalogue!, `${DCAT}dataset`).sort()).toEqual(datasets.map((d) => d['@id']).sort());
    for (const dataset of datasets) {
      expect(literals(dataset, `${DCT}title`).length, dataset['@id']).toBeGreaterThan(0);
      expect(literals(dataset, `${DCT}description`).length, dataset['@id']).toBeGreaterThan(0);
      const [publisher] = ids(dataset, `${DCT}publisher`);
      expect(byId.get(publisher!)?.['@type']).toContain('http://xmlns.com/foaf/0.1/Agent');
      expect(ids(dataset, `${DCT}license`)).toEqual(['http://dcat-ap.de/def/licenses/dl-by-de/2.0']);
      expect(ids(dataset, `${DCATDE}contributorID`)).toEqual([input.licence.contributorId]);
      const distributions = (dataset[`${DCAT}distribution`] as Node[]).map((d) => byId.get(d['@id']) ?? d);
      expect(distributions.length).toBeGreaterThan(0);
      for (const distribution of distributions) {
        expect(distribution['@type']).toContain(`${DCAT}Distribution`);
        const [access] = ids(distribution, `${DCAT}accessURL`);
        expect(access).toMatch(new RegExp(`^${input.origin}/daten/[a-z]+\\.(csv|json|geojson)$`));
        expect(ids(distribution, `${DCAT}downloadURL`)).toEqual([access]);
        expect(ids(distribution, `${DCT}format`)[0]).toMatch(
          /^http:\/\/publications\.europa\.eu\/resource\/authority\/file-type\/(CSV|JSON|GEOJSON)$/,
        );
        expect(ids(distribution, `${DCT}license`)).toEqual(['http://dcat-ap.de/def/licenses/dl-by-de/2.0']);
      }
    }
    const projects = byId.get(`${input.origin}/daten#projekte`)!;
    expect(projects[`${DCT}modified`]).toEqual([
      { '@value': '2026-11-30T10:00:00.000Z', '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' },
    ]);
    const [service] = ofType(`${DCAT}DataService`);
    expect(ids(service!, `${DCAT}endpointURL`)).toEqual([input.apiUrl]);
  });

  it('leaves contributorID out until GovData has assigned one', async () => {
    const expanded = (await jsonld.expand(
      catalogueJsonLd({ ...input, licence: DEFAULT_LICENCE }) as jsonld.JsonLdDocument,
    )) as Node[];
    expect(expanded.some((node) => `${DCATDE}contributorID` in node)).toBe(false);
  });

  it('writes Turtle that an RDF parser reads back as the same graph', async () => {
    const document = catalogueJsonLd(input);
    const turtle = await catalogueTurtle(document);
    expect(turtle).toContain('@prefix dcat: <http://www.w3.org/ns/dcat#>.');
    const quads = new Parser({ format: 'text/turtle' }).parse(turtle);
    const nquads = (await jsonld.toRDF(document as jsonld.JsonLdDocument, {
      format: 'application/n-quads',
    })) as unknown as string;
    expect(quads.length).toBe(nquads.trim().split('\n').length);
    const catalogues = quads.filter(
      (q) => q.predicate.value === RDF_TYPE && q.object.value === `${DCAT}Catalog`,
    );
    expect(catalogues).toHaveLength(1);
    const titles = quads.filter(
      (q) => q.predicate.value === `${DCT}title` && q.object.value.includes('Übergänge') === false,
    );
    expect(titles.length).toBeGreaterThan(0);
    // German characters survive the round trip.
    expect(quads.some((q) => q.object.value === 'Städte im Netzwerk')).toBe(true);
  });
});
