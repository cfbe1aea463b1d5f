// The project database's filters live in the URL (so a result can be linked): parse them, turn them into
// the CMS's ProjectFiltersInput, and build links that change one of them.
export const PAGE_SIZE = 12;
export const SORTS = { neueste: 'publishedAt:desc', titel: 'title:asc', beginn: 'startDate:desc' } as const;
export type SortKey = keyof typeof SORTS;

export interface ProjectQuery {
  q: string;
  feld: string;
  stadt: string;
  land: string;
  status: string;
  zielgruppe: string;
  sort: SortKey;
  seite: number;
  ansicht: 'liste' | 'karte';
}

const FIELDS = ['q', 'feld', 'stadt', 'land', 'status', 'zielgruppe'] as const;

export function parseProjectQuery(params: URLSearchParams): ProjectQuery {
  const get = (name: string) => (params.get(name) ?? '').trim().slice(0, 200);
  const sort = get('sort');
  const page = Number.parseInt(get('seite'), 10);
  return {
    q: get('q'),
    feld: get('feld'),
    stadt: get('stadt'),
    land: get('land'),
    status: get('status'),
    zielgruppe: get('zielgruppe'),
    sort: sort in SORTS ? (sort as SortKey) : 'neueste',
    seite: Number.isFinite(page) && page > 0 ? Math.min(page, 1000) : 1,
    ansicht: get('ansicht') === 'karte' ? 'karte' : 'liste',
  };
}

/** The CMS filter for a query; only the filters that are set. */
export function toProjectFilters(query: ProjectQuery) {
  const city: Record<string, { eq: string }> = {};
  if (query.stadt) city['slug'] = { eq: query.stadt };
  if (query.land) city['federalState'] = { eq: query.land };
  return {
    ...(query.feld ? { actionFields: { slug: { eq: query.feld } } } : {}),
    ...(Object.keys(city).length ? { city } : {}),
    ...(query.status ? { projectStatus: { eq: query.status } } : {}),
    ...(query.zielgruppe ? { targetGroups: { group: { eq: query.zielgruppe } } } : {}),
  };
}

/** The URL of the database with some parameters changed; filters changing go back to page 1. */
export function projectsHref(query: ProjectQuery, change: Partial<ProjectQuery>): string {
  const next = { ...query, ...change };
  if (!('seite' in change)) next.seite = 1;
  const params = new URLSearchParams();
  for (const name of FIELDS) if (next[name]) params.set(name, next[name]);
  if (next.sort !== 'neueste') params.set('sort', next.sort);
  if (next.ansicht !== 'liste') params.set('ansicht', next.ansicht);
  if (next.seite > 1) params.set('seite', String(next.seite));
  const search = params.toString();
  return search ? `/projekte?${search}` : '/projekte';
}

/** Which page numbers to link: the first, the last and two either side of the current one. */
export function pageWindow(current: number, count: number): (number | null)[] {
  const pages: (number | null)[] = [];
  for (let page = 1; page <= count; page++) {
    if (page === 1 || page === count || Math.abs(page - current) <= 2) pages.push(page);
    else if (pages.at(-1) !== null) pages.push(null);
  }
  return pages;
}
