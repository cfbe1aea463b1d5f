// The DCAT-AP.de catalogue of the open data: every dataset with its distributions (one per format) and the
// GraphQL API as a data service. Written once as JSON-LD (with its own inline context, so no processor ever
// fetches one); Turtle is the same graph, converted by a JSON-LD processor and written by an RDF writer.
// Vocabulary: DCAT-AP.de 3.0 (dcat, dcterms, dcatde, foaf, vcard); the controlled vocabularies are the EU's file
// types, data themes, languages and countries and DCAT-AP.de's licences.
import jsonld from 'jsonld';
import { Parser, Writer } from 'n3';
import { graphql } from '$lib/graphql';
import type { Api } from '../api';
import { publicGatewayUrl, siteOrigin } from '../public-gateway';
import { DATASETS, type Dataset, type Format } from './datasets';
import { licenceUri, openDataLicence, type OpenDataLicence } from './licence';

const EU = 'http://publications.europa.eu/resource/authority';
export const FILE_TYPES: Record<Format, string> = {
  csv: `${EU}/file-type/CSV`,
  json: `${EU}/file-type/JSON`,
  geojson: `${EU}/file-type/GEOJSON`,
};
const IANA_TYPES: Record<Format, string> = {
  csv: 'https://www.iana.org/assignments/media-types/text/csv',
  json: 'https://www.iana.org/assignments/media-types/application/json',
  geojson: 'https://www.iana.org/assignments/media-types/application/geo+json',
};

export const CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dcterms: 'http://purl.org/dc/terms/',
  dcatde: 'http://dcat-ap.de/def/dcatde/',
  dcatap: 'http://data.europa.eu/r5r/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

export interface CatalogueInput {
  origin: string;
  /** The public GraphQL endpoint (dcat:DataService). */
  apiUrl: string;
  licence: OpenDataLicence;
  /** Newest change per dataset name (dcterms:modified); missing: unknown. */
  modified: Record<string, string | undefined>;
  /** Catalogue's own modified date when nothing else is known. */
  now?: Date;
}

const text = (de: string, en: string) => [
  { '@value': de, '@language': 'de' },
  { '@value': en, '@language': 'en' },
];
const dateTime = (value: string) => ({ '@value': value, '@type': 'xsd:dateTime' });
const id = (value: string) => ({ '@id': value });

const FORMAT_NAMES: Record<Format, string> = { csv: 'CSV', json: 'JSON', geojson: 'GeoJSON' };

function distribution(input: CatalogueInput, dataset: Dataset, format: Format) {
  const url = `${input.origin}/daten/${dataset.name}.${format}`;
  const modified = input.modified[dataset.name];
  return {
    '@id': `${input.origin}/daten#${dataset.name}-${format}`,
    '@type': 'dcat:Distribution',
    'dcterms:title': text(
      `${dataset.title.de} (${FORMAT_NAMES[format]})`,
      `${dataset.title.en} (${FORMAT_NAMES[format]})`,
    ),
    'dcterms:description': text(
      format === 'csv'
        ? 'CSV nach RFC 4180, UTF-8 mit Byte Order Mark, Komma als Trennzeichen (?trennzeichen=semikolon für Tabellenprogramme mit deutscher Einstellung).'
        : format === 'geojson'
          ? 'GeoJSON (RFC 7946): jeder Eintrag als Punkt an den Koordinaten seiner Stadt.'
          : 'JSON: Lizenz und Gesamtzahl, dann alle Einträge unter "items".',
      format === 'csv'
        ? 'CSV per RFC 4180, UTF-8 with a byte order mark, comma-separated (?trennzeichen=semikolon for spreadsheets set to German).'
        : format === 'geojson'
          ? 'GeoJSON (RFC 7946): each entry as a point at its city’s coordinates.'
          : 'JSON: licence and total, then every entry under "items".',
    ),
    'dcat:accessURL': id(url),
    'dcat:downloadURL': id(url),
    'dcterms:format': id(FILE_TYPES[format]),
    'dcat:mediaType': id(IANA_TYPES[format]),
    'dcterms:license': id(licenceUri(input.licence.id)),
    ...(modified ? { 'dcterms:modified': dateTime(modified) } : {}),
  };
}

function publisher(input: CatalogueInput) {
  const { publisher } = input.licence;
  return {
    '@id': `${input.origin}/#herausgeber`,
    '@type': 'foaf:Agent',
    'foaf:name': publisher.name,
    ...(publisher.url ? { 'foaf:homepage': id(publisher.url) } : {}),
    ...(publisher.email ? { 'foaf:mbox': id(`mailto:${publisher.email}`) } : {}),
  };
}

/** The catalogue as a JSON-LD document (compacted, with its context inline). */
export function catalogueJsonLd(input: CatalogueInput) {
  const { origin, licence } = input;
  const agent = publisher(input);
  const publisherRef = id(agent['@id']);
  const contributor = licence.contributorId ? { 'dcatde:contributorID': id(licence.contributorId) } : {};
  const known = Object.values(input.modified).filter((value): value is string => Boolean(value));
  const newest = known.sort().at(-1) ?? (input.now ?? new Date()).toISOString();
  const contact = licence.publisher.email
    ? {
        'dcat:contactPoint': {
          '@type': 'vcard:Organization',
          'vcard:fn': licence.publisher.name,
          'vcard:hasEmail': id(`mailto:${licence.publisher.email}`),
        },
      }
    : {};
  const datasets = DATASETS.map((dataset) => {
    const modified = input.modified[dataset.name];
    return {
      '@id': `${origin}/daten#${dataset.name}`,
      '@type': 'dcat:Dataset',
      'dcterms:title': text(dataset.title.de, dataset.title.en),
      'dcterms:description': text(dataset.description.de, dataset.description.en),
      'dcterms:publisher': publisherRef,
      ...contributor,
      ...contact,
      'dcterms:license': id(licenceUri(licence.id)),
      'dcat:keyword': dataset.keywords.map((keyword) => ({ '@value': keyword, '@language': 'de' })),
      'dcat:theme': id(`${EU}/data-theme/SOCI`),
      'dcterms:spatial': id(`${EU}/country/DEU`),
      'dcterms:language': id(`${EU}/language/DEU`),
      'dcat:landingPage': id(`${origin}/daten`),
      ...(modified ? { 'dcterms:modified': dateTime(modified) } : {}),
      'dcat:distribution': dataset.formats.map((format) => distribution(input, dataset, format)),
    };
  });
  return {
    '@context': CONTEXT,
    '@graph': [
      {
        '@id': `${origin}/daten/katalog`,
        '@type': 'dcat:Catalog',
        'dcterms:title': text('Offene Daten von Stadtnetz Integration', 'Open data of Stadtnetz Integration'),
        'dcterms:description': text(
          'Die Gute-Praxis-Datenbank, die Workshop-Reihe, die Städte und die Handlungsfelder des Netzwerks Stadtnetz Integration als offene Daten.',
          'The good-practice database, the workshop series, the cities and the fields of action of the Stadtnetz Integration network as open data.',
        ),
        'dcterms:publisher': publisherRef,
        ...contributor,
        'dcterms:license': id(licenceUri(licence.id)),
        'foaf:homepage': id(origin),
        'dcterms:language': id(`${EU}/language/DEU`),
        'dcterms:modified': dateTime(newest),
        'dcat:dataset': datasets.map((dataset) => id(dataset['@id'])),
        'dcat:service': id(`${origin}/api#dienst`),
      },
      agent,
      ...datasets,
      {
        '@id': `${origin}/api#dienst`,
        '@type': 'dcat:DataService',
        'dcterms:title': text('Öffentliche GraphQL-Schnittstelle', 'Public GraphQL API'),
        'dcterms:description': text(
          'Dieselben Daten (und das Forum) über GraphQL; Anleitung und Explorer unter /api.',
          'The same data (and the forum) over GraphQL; guide and explorer at /api.',
        ),
        'dcterms:publisher': publisherRef,
        ...contributor,
        'dcterms:license': id(licenceUri(licence.id)),
        'dcat:endpointURL': id(input.apiUrl),
        'dcat:endpointDescription': id(`${origin}/api`),
        'dcat:servesDataset': datasets.map((dataset) => id(dataset['@id'])),
      },
    ],
  };
}

/** The same graph in Turtle, with the catalogue's prefixes. */
export async function catalogueTurtle(document: object): Promise<string> {
  const nquads = (await jsonld.toRDF(document as jsonld.JsonLdDocument, {
    format: 'application/n-quads',
  })) as unknown as string;
  const quads = new Parser({ format: 'N-Quads' }).parse(nquads);
  const writer = new Writer({ prefixes: { ...CONTEXT } });
  writer.addQuads(quads);
  return await new Promise<string>((resolve, reject) =>
    writer.end((error, result) => (error ? reject(error) : resolve(result))),
  );
}

const Modified = graphql(`
  query OpenDataModified {
    projects(sort: ["updatedAt:desc"], pagination: { pageSize: 1 }) {
      updatedAt
    }
    workshops(sort: ["updatedAt:desc"], pagination: { pageSize: 1 }) {
      updatedAt
    }
    cities(sort: ["updatedAt:desc"], pagination: { pageSize: 1 }) {
      updatedAt
    }
    actionFields(sort: ["updatedAt:desc"], pagination: { pageSize: 1 }) {
      updatedAt
    }
  }
`);

/** The catalogue of this site (licence and newest changes read through the gateway). */
export async function siteCatalogue(api: Api, pageUrl: URL): Promise<object> {
  const [licence, modified] = await Promise.all([openDataLicence(api), api.run(Modified, {})]);
  const data = modified.data;
  const newest = (entries: readonly ({ updatedAt?: string | null } | null)[] | undefined) =>
    entries?.[0]?.updatedAt ?? undefined;
  return catalogueJsonLd({
    origin: siteOrigin(pageUrl),
    apiUrl: `${publicGatewayUrl(pageUrl)}/graphql`,
    licence,
    modified: {
      projekte: newest(data?.projects),
      workshops: newest(data?.workshops),
      staedte: newest(data?.cities),
      handlungsfelder: newest(data?.actionFields),
    },
  });
}
