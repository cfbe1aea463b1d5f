// The open datasets: what each one reads from the public gateway (published content only, anonymously — never a
// member's data), page by page, and how one entry becomes a CSV record, a JSON object and a GeoJSON feature.
// Project contact persons stay out of the bulk files (they are on each project page and in the API): a file of
// every published e-mail address is a harvester's gift, not open data.
import { graphql, type ResultOf } from '$lib/graphql';
import type { Api } from '../api';
import type { CsvValue } from './csv';

export type Format = 'csv' | 'json' | 'geojson';

export const MEDIA_TYPES: Record<Format, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  json: 'application/json; charset=utf-8',
  geojson: 'application/geo+json; charset=utf-8',
};

/** The largest page the gateway serves (GATEWAY_MAX_PAGE_SIZE). */
export const PAGE_SIZE = 100;

export interface Page<T> {
  total: number;
  items: T[];
}

/** A filter in the address (`?feld=sprache`): its value must name something that exists. */
export interface FilterSpec {
  /** What the value names, for the message when it names nothing ("Handlungsfeld"). */
  label: string;
  exists(api: Api, value: string): Promise<boolean>;
  where(value: string): Record<string, unknown>;
}

export interface Dataset<T = unknown> {
  name: string;
  formats: readonly Format[];
  title: { de: string; en: string };
  description: { de: string; en: string };
  keywords: readonly string[];
  filters: Readonly<Record<string, FilterSpec>>;
  fetchPage(api: Api, page: number, where: Record<string, unknown> | undefined): Promise<Page<T>>;
  columns: readonly string[];
  record(item: T, origin: string): Record<string, CsvValue>;
  json(item: T, origin: string): unknown;
  /** [longitude, latitude] for GeoJSON; null: the entry has no place. */
  point?(item: T): [number, number] | null;
}

/** The gateway answered without data: the export cannot start (503), or stops where it is. */
export class UpstreamError extends Error {}

function failed(errors: { message: string }[]): never {
  throw new UpstreamError(errors[0]?.message ?? 'the gateway answered without data');
}

const list = (values: (string | null | undefined)[]) => values.filter(Boolean).join('; ');
const slugPattern = /^[a-z0-9][a-z0-9-]{0,99}$/;

const ActionFieldExists = graphql(`
  query OpenDataActionFieldExists($slug: String!) {
    actionFields(filters: { slug: { eq: $slug } }) {
      documentId
    }
  }
`);
const CityExists = graphql(`
  query OpenDataCityExists($slug: String!) {
    cities(filters: { slug: { eq: $slug } }) {
      documentId
    }
  }
`);

const actionFieldFilter = (relation: 'actionFields'): FilterSpec => ({
  label: 'Handlungsfeld',
  exists: async (api, slug) =>
    slugPattern.test(slug) &&
    ((await api.run(ActionFieldExists, { slug })).data?.actionFields.length ?? 0) > 0,
  where: (slug) => ({ [relation]: { slug: { eq: slug } } }),
});
const cityFilter: FilterSpec = {
  label: 'Stadt',
  exists: async (api, slug) =>
    slugPattern.test(slug) && ((await api.run(CityExists, { slug })).data?.cities.length ?? 0) > 0,
  where: (slug) => ({ city: { slug: { eq: slug } } }),
};

// ---------------------------------------------------------------------------------------------------- projects

const ProjectsPage = graphql(`
  query OpenDataProjects($filters: ProjectFiltersInput, $page: Int!, $pageSize: Int!) {
    projects_connection(
      filters: $filters
      sort: ["createdAt:asc"]
      pagination: { page: $page, pageSize: $pageSize }
    ) {
      pageInfo {
        total
      }
      nodes {
        documentId
        slug
        title
        summary
        description
        outcomes
        transferability
        projectStatus
        startDate
        endDate
        ongoing
        district
        funding
        budgetRange
        website
        demo
        publishedAt
        updatedAt
        city {
          slug
          name
          federalState
          latitude
          longitude
        }
        actionFields {
          slug
          name
        }
        targetGroups {
          group
        }
        leadOrganisation {
          name
        }
        partners {
          name
        }
      }
    }
  }
`);
type ProjectNode = NonNullable<ResultOf<typeof ProjectsPage>['projects_connection']>['nodes'][number];

const siteUrl = (origin: string, path: string) => `${origin}${path}`;

export const projects: Dataset<ProjectNode> = {
  name: 'projekte',
  formats: ['csv', 'json', 'geojson'],
  title: {
    de: 'Gute-Praxis-Projekte zur Integration',
    en: 'Good-practice projects on integration',
  },
  description: {
    de: 'Die veröffentlichten Projekte der Gute-Praxis-Datenbank von Stadtnetz Integration: Titel, Kurzbeschreibung, Beschreibung, Ergebnisse, Übertragbarkeit, Stadt (mit Koordinaten), Handlungsfelder, Zielgruppen, Laufzeit, Status, Organisationen und Finanzierung.',
    en: 'The published projects of the Stadtnetz Integration good-practice database: title, summary, description, outcomes, transferability, city (with coordinates), fields of action, target groups, dates, status, organisations and funding.',
  },
  keywords: ['Integration', 'Gute Praxis', 'Kommunen', 'Migration', 'Projekte'],
  filters: { feld: actionFieldFilter('actionFields'), stadt: cityFilter },
  async fetchPage(api, pageNumber, where) {
    const { data, errors } = await api.run(ProjectsPage, {
      filters: where,
      page: pageNumber,
      pageSize: PAGE_SIZE,
    });
    const connection = data?.projects_connection;
    if (!connection) failed(errors);
    return { total: connection.pageInfo.total, items: connection.nodes };
  },
  columns: [
    'documentId',
    'url',
    'title',
    'summary',
    'description',
    'outcomes',
    'transferability',
    'projectStatus',
    'startDate',
    'endDate',
    'ongoing',
    'city',
    'citySlug',
    'federalState',
    'district',
    'latitude',
    'longitude',
    'actionFields',
    'actionFieldSlugs',
    'targetGroups',
    'leadOrganisation',
    'partners',
    'funding',
    'budgetRange',
    'website',
    'demo',
    'publishedAt',
    'updatedAt',
  ],
  record: (p, origin) => ({
    documentId: p.documentId,
    url: siteUrl(origin, `/projekte/${p.documentId}`),
    title: p.title,
    summary: p.summary,
    description: p.description,
    outcomes: p.outcomes,
    transferability: p.transferability,
    projectStatus: p.projectStatus,
    startDate: p.startDate,
    endDate: p.endDate,
    ongoing: p.ongoing,
    city: p.city?.name,
    citySlug: p.city?.slug,
    federalState: p.city?.federalState,
    district: p.district,
    latitude: p.city?.latitude,
    longitude: p.city?.longitude,
    actionFields: list(p.actionFields.map((f) => f?.name)),
    actionFieldSlugs: list(p.actionFields.map((f) => f?.slug)),
    targetGroups: list((p.targetGroups ?? []).map((g) => g?.group)),
    leadOrganisation: p.leadOrganisation?.name,
    partners: list(p.partners.map((o) => o?.name)),
    funding: p.funding,
    budgetRange: p.budgetRange,
    website: p.website,
    demo: p.demo,
    publishedAt: p.publishedAt,
    updatedAt: p.updatedAt,
  }),
  json: (p, origin) => ({
    documentId: p.documentId,
    url: siteUrl(origin, `/projekte/${p.documentId}`),
    slug: p.slug,
    title: p.title,
    summary: p.summary,
    description: p.description,
    outcomes: p.outcomes,
    transferability: p.transferability,
    projectStatus: p.projectStatus,
    startDate: p.startDate,
    endDate: p.endDate,
    ongoing: p.ongoing,
    city: p.city,
    district: p.district,
    actionFields: p.actionFields.filter((f) => f !== null),
    targetGroups: (p.targetGroups ?? []).flatMap((g) => (g ? [g.group] : [])),
    leadOrganisation: p.leadOrganisation?.name ?? null,
    partners: p.partners.flatMap((o) => (o ? [o.name] : [])),
    funding: p.funding,
    budgetRange: p.budgetRange,
    website: p.website,
    demo: p.demo,
    publishedAt: p.publishedAt,
    updatedAt: p.updatedAt,
  }),
  point: (p) =>
    p.city && typeof p.city.longitude === 'number' && typeof p.city.latitude === 'number'
      ? [p.city.longitude, p.city.latitude]
      : null,
};

// ---------------------------------------------------------------------------------------------------- workshops

const WorkshopsPage = graphql(`
  query OpenDataWorkshops($filters: WorkshopFiltersInput, $page: Int!, $pageSize: Int!) {
    workshops_connection(
      filters: $filters
      sort: ["startsAt:asc", "createdAt:asc"]
      pagination: { page: $page, pageSize: $pageSize }
    ) {
      pageInfo {
        total
      }
      nodes {
        documentId
        slug
        number
        title
        guidingQuestion
        startsAt
        endsAt
        publishedAt
        updatedAt
        venue {
          name
          address
          city {
            slug
            name
            latitude
            longitude
          }
        }
        actionFields {
          slug
          name
        }
        registration {
          url
          deadline
          capacity
        }
      }
    }
  }
`);
type WorkshopNode = NonNullable<ResultOf<typeof WorkshopsPage>['workshops_connection']>['nodes'][number];

export const workshops: Dataset<WorkshopNode> = {
  name: 'workshops',
  formats: ['csv', 'json'],
  title: { de: 'Workshop-Reihe „Voneinander lernen“', en: 'The “Voneinander lernen” workshop series' },
  description: {
    de: 'Die veröffentlichten Workshops der Reihe: Nummer, Titel, Leitfrage, Beginn und Ende, Veranstaltungsort, Handlungsfelder und Anmeldung.',
    en: 'The published workshops of the series: number, title, guiding question, start and end, venue, fields of action and registration.',
  },
  keywords: ['Integration', 'Workshop', 'Kommunen', 'Veranstaltungen'],
  filters: { feld: actionFieldFilter('actionFields') },
  async fetchPage(api, pageNumber, where) {
    const { data, errors } = await api.run(WorkshopsPage, {
      filters: where,
      page: pageNumber,
      pageSize: PAGE_SIZE,
    });
    const connection = data?.workshops_connection;
    if (!connection) failed(errors);
    return { total: connection.pageInfo.total, items: connection.nodes };
  },
  columns: [
    'documentId',
    'url',
    'number',
    'title',
    'guidingQuestion',
    'startsAt',
    'endsAt',
    'venue',
    'address',
    'city',
    'citySlug',
    'actionFields',
    'actionFieldSlugs',
    'registrationUrl',
    'registrationDeadline',
    'capacity',
    'publishedAt',
    'updatedAt',
  ],
  record: (w, origin) => ({
    documentId: w.documentId,
    url: siteUrl(origin, `/workshops/${w.documentId}`),
    number: w.number,
    title: w.title,
    guidingQuestion: w.guidingQuestion,
    startsAt: w.startsAt,
    endsAt: w.endsAt,
    venue: w.venue?.name,
    address: w.venue?.address,
    city: w.venue?.city?.name,
    citySlug: w.venue?.city?.slug,
    actionFields: list(w.actionFields.map((f) => f?.name)),
    actionFieldSlugs: list(w.actionFields.map((f) => f?.slug)),
    registrationUrl: w.registration?.url,
    registrationDeadline: w.registration?.deadline,
    capacity: w.registration?.capacity,
    publishedAt: w.publishedAt,
    updatedAt: w.updatedAt,
  }),
  json: (w, origin) => ({
    ...w,
    url: siteUrl(origin, `/workshops/${w.documentId}`),
    actionFields: w.actionFields.filter((f) => f !== null),
  }),
  point: (w) =>
    w.venue?.city && typeof w.venue.city.longitude === 'number' && typeof w.venue.city.latitude === 'number'
      ? [w.venue.city.longitude, w.venue.city.latitude]
      : null,
};

// ---------------------------------------------------------------------------------------------------- cities

const CitiesPage = graphql(`
  query OpenDataCities($page: Int!, $pageSize: Int!) {
    cities_connection(sort: ["name:asc"], pagination: { page: $page, pageSize: $pageSize }) {
      pageInfo {
        total
      }
      nodes {
        documentId
        slug
        name
        federalState
        population
        latitude
        longitude
        updatedAt
      }
    }
  }
`);
type CityNode = NonNullable<ResultOf<typeof CitiesPage>['cities_connection']>['nodes'][number];

export const cities: Dataset<CityNode> = {
  name: 'staedte',
  formats: ['csv', 'json', 'geojson'],
  title: { de: 'Städte im Netzwerk', en: 'Cities of the network' },
  description: {
    de: 'Die Städte des Netzwerks mit Bundesland, Einwohnerzahl und Koordinaten.',
    en: 'The cities of the network with federal state, population and coordinates.',
  },
  keywords: ['Kommunen', 'Städte', 'Integration'],
  filters: {},
  async fetchPage(api, pageNumber) {
    const { data, errors } = await api.run(CitiesPage, { page: pageNumber, pageSize: PAGE_SIZE });
    const connection = data?.cities_connection;
    if (!connection) failed(errors);
    return { total: connection.pageInfo.total, items: connection.nodes };
  },
  columns: [
    'documentId',
    'url',
    'slug',
    'name',
    'federalState',
    'population',
    'latitude',
    'longitude',
    'updatedAt',
  ],
  record: (c, origin) => ({ ...c, url: siteUrl(origin, `/staedte/${c.slug}`) }),
  json: (c, origin) => ({ ...c, url: siteUrl(origin, `/staedte/${c.slug}`) }),
  point: (c) =>
    typeof c.longitude === 'number' && typeof c.latitude === 'number' ? [c.longitude, c.latitude] : null,
};

// ---------------------------------------------------------------------------------------------------- fields

const ActionFieldsPage = graphql(`
  query OpenDataActionFields($page: Int!, $pageSize: Int!) {
    actionFields_connection(sort: ["name:asc"], pagination: { page: $page, pageSize: $pageSize }) {
      pageInfo {
        total
      }
      nodes {
        documentId
        slug
        name
        description
        updatedAt
      }
    }
  }
`);
type ActionFieldNode = NonNullable<
  ResultOf<typeof ActionFieldsPage>['actionFields_connection']
>['nodes'][number];

export const actionFields: Dataset<ActionFieldNode> = {
  name: 'handlungsfelder',
  formats: ['csv', 'json'],
  title: { de: 'Handlungsfelder der Integration', en: 'Fields of action in integration' },
  description: {
    de: 'Die Handlungsfelder, nach denen Projekte, Workshops und Diskussionen geordnet sind, mit ihrer Beschreibung.',
    en: 'The fields of action by which projects, workshops and discussions are ordered, with their description.',
  },
  keywords: ['Integration', 'Handlungsfelder'],
  filters: {},
  async fetchPage(api, pageNumber) {
    const { data, errors } = await api.run(ActionFieldsPage, { page: pageNumber, pageSize: PAGE_SIZE });
    const connection = data?.actionFields_connection;
    if (!connection) failed(errors);
    return { total: connection.pageInfo.total, items: connection.nodes };
  },
  columns: ['documentId', 'url', 'slug', 'name', 'description', 'updatedAt'],
  record: (f, origin) => ({ ...f, url: siteUrl(origin, `/handlungsfelder/${f.slug}`) }),
  json: (f, origin) => ({ ...f, url: siteUrl(origin, `/handlungsfelder/${f.slug}`) }),
};

export const DATASETS: readonly Dataset[] = [projects, workshops, cities, actionFields] as Dataset[];

/** `projekte.csv` → the dataset and format, or null for an address that names none. */
export function datasetOf(file: string): { dataset: Dataset; format: Format } | null {
  const match = /^([a-z]+)\.(csv|json|geojson)$/.exec(file);
  if (!match) return null;
  const dataset = DATASETS.find((d) => d.name === match[1]);
  const format = match[2] as Format;
  return dataset && dataset.formats.includes(format) ? { dataset, format } : null;
}
