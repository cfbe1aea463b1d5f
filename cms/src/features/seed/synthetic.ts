import type { Core } from '@strapi/strapi';
import { ACTION_FIELDS } from './base-data';
import { FIELD_TEXT } from './projects';
import { projectDescription, seedBaseData } from './seed';
import { readModelIdle } from '../read-model/project-listing';

/**
 * A generator of large synthetic project sets (10,000 for the benchmark): German-sounding, deterministic for
 * a given seed, spread over all fields of action and cities, marked as demo, slugs `synthetic-<n>`.
 */

const TARGET_GROUPS = [
  'gefluechtete',
  'neuzugewanderte',
  'eu_zugewanderte',
  'kinder',
  'jugendliche',
  'frauen',
  'familien',
  'aeltere',
  'arbeitsuchende',
  'nachbarschaft',
  'ehrenamtliche',
  'fachkraefte_verwaltung',
];
const FORMATS = [
  'Werkstatt',
  'Lotsenprojekt',
  'Netzwerk',
  'Treffpunkt',
  'Beratungsstelle',
  'Patenschaftsprogramm',
  'Kursreihe',
  'Modellvorhaben',
  'Initiative',
  'Forum',
];
const TOPICS: Record<string, string[]> = {
  'sprache-und-bildung': ['Sprachkurse', 'Lesepaten', 'Sprachcafé', 'Lernhilfe'],
  'arbeit-und-ausbildung': ['Ausbildung', 'Berufsorientierung', 'Jobcoaching', 'Anerkennung'],
  'wohnen-und-quartier': ['Nachbarschaft', 'Wohnen', 'Hausgemeinschaft', 'Mieterbeteiligung'],
  'gesundheit-und-pflege': ['Gesundheit', 'Pflege', 'Vorsorge', 'Gesundheitslotsen'],
  'kinder-jugend-familie': ['Elternarbeit', 'Familienbildung', 'Jugendtreff', 'Kita-Brücke'],
  'interkulturelle-oeffnung': ['Interkulturelle Öffnung', 'Diversität', 'Bürgerservice', 'Personalgewinnung'],
  'buergerschaftliches-engagement': ['Ehrenamt', 'Patenschaften', 'Engagement', 'Freiwilligenarbeit'],
  antidiskriminierung: ['Antidiskriminierung', 'Empowerment', 'Beschwerdemanagement', 'Zivilcourage'],
  'sport-kultur-freizeit': ['Sport', 'Theater', 'Musik', 'Begegnungsfest'],
  'politische-partizipation': ['Beteiligung', 'Integrationsrat', 'Demokratie', 'Bürgerdialog'],
  'ankommen-und-erstorientierung': ['Willkommen', 'Erstorientierung', 'Ankommen', 'Lotsendienst'],
  'migrantische-oekonomie': ['Gründung', 'Lokale Ökonomie', 'Unternehmerinnen', 'Gewerbe'],
  stadtteilmanagement: ['Quartiersmanagement', 'Stadtteilentwicklung', 'Quartiersfonds', 'Stadtteilbüro'],
};
const FIRST_NAMES = [
  'Aylin',
  'Jonas',
  'Marta',
  'Samir',
  'Lena',
  'Dimitri',
  'Fatma',
  'Lukas',
  'Ewa',
  'Yusuf',
  'Sophie',
  'Nikola',
];
const LAST_NAMES = [
  'Demir',
  'Becker',
  'Nowak',
  'Haddad',
  'Hoffmann',
  'Popov',
  'Yilmaz',
  'Schulz',
  'Kowalski',
  'Ahmadi',
  'Wagner',
  'Petrović',
];

/** mulberry32: small, fast and deterministic. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

function pickSome<T>(next: () => number, items: readonly T[], min: number, max: number): T[] {
  const count = min + Math.floor(next() * (max - min + 1));
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, items.length)) chosen.add(pick(next, items));
  return [...chosen];
}

export function syntheticProject(
  n: number,
  ids: {
    actionFields: string[];
    fieldSlugs: string[];
    cities: string[];
    cityNames: string[];
    organisations: string[];
  },
  seed = 1,
) {
  const next = random(seed * 1_000_003 + n);
  const fieldIndexes = pickSome(
    next,
    ids.fieldSlugs.map((_slug, index) => index),
    1,
    3,
  );
  const fieldSlugs = fieldIndexes.map((index) => ids.fieldSlugs[index] as string);
  const cityIndex = Math.floor(next() * ids.cities.length);
  const topic = pick(next, TOPICS[fieldSlugs[0] as string] ?? ['Integration']);
  const format = pick(next, FORMATS);
  const cityName = ids.cityNames[cityIndex] as string;
  const title = `${format} ${topic} ${cityName} ${n}`;
  const first = FIELD_TEXT[fieldSlugs[0] as string];
  const summary = `${format} zum Thema ${topic} in ${cityName}. ${first?.approach ?? ''}`.slice(0, 1000);
  const done = next() < 0.3;
  const start = 2010 + Math.floor(next() * 15);
  return {
    title,
    slug: `synthetic-${n}`,
    summary,
    description: projectDescription({ summary, fields: fieldSlugs }),
    actionFields: fieldIndexes.map((index) => ids.actionFields[index]),
    city: ids.cities[cityIndex],
    leadOrganisation: pick(next, ids.organisations),
    startDate: `${start}-01-01`,
    endDate: done ? `${start + 2}-12-31` : null,
    ongoing: !done,
    projectStatus: done ? 'abgeschlossen' : 'laufend',
    targetGroups: pickSome(next, TARGET_GROUPS, 1, 3).map((group) => ({ group })),
    outcomes: first?.outcome ?? null,
    transferability: first?.transfer ?? null,
    contacts: Array.from({ length: 1 + Math.floor(next() * 3) }, (_unused, index) => ({
      name: `${pick(next, FIRST_NAMES)} ${pick(next, LAST_NAMES)}`,
      role: index === 0 ? 'Projektleitung' : 'Koordination',
      email: `kontakt-${n}-${index}@example.org`,
    })),
    source: 'redaktionell',
    demo: true,
  };
}

/** Projects per transaction: Strapi reads each one's event payload after the commit, all at once. */
const BATCH = 1000;

/**
 * Adds synthetic projects until `count` of them exist; returns how many it created. In transactions of a thousand,
 * as an import would run: the read model takes each batch in one pass after its commit, not one per project.
 */
export async function generateSyntheticProjects(
  strapi: Core.Strapi,
  count: number,
  options: { seed?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<number> {
  const { seed = 1, onProgress } = options;
  if ((await strapi.db.query('api::action-field.action-field').count({})) === 0) await seedBaseData(strapi);
  const published = { publishedAt: { $notNull: true } };
  const fields = (await strapi.db
    .query('api::action-field.action-field')
    .findMany({ where: { ...published, locale: 'de' }, select: ['documentId', 'slug'] })) as {
    documentId: string;
    slug: string;
  }[];
  const cities = (await strapi.db
    .query('api::city.city')
    .findMany({ where: published, select: ['documentId', 'name'], orderBy: { id: 'asc' } })) as {
    documentId: string;
    name: string;
  }[];
  const organisations = (await strapi.db
    .query('api::organisation.organisation')
    .findMany({ where: published, select: ['documentId'] })) as { documentId: string }[];
  const known = ACTION_FIELDS.map((field) => field.slug);
  const usable = fields.filter((field) => known.includes(field.slug) || fields.length < known.length);
  const ids = {
    actionFields: usable.map((field) => field.documentId),
    fieldSlugs: usable.map((field) => field.slug),
    cities: cities.map((city) => city.documentId),
    cityNames: cities.map((city) => city.name),
    organisations: organisations.map((organisation) => organisation.documentId),
  };
  const existing = await strapi.db
    .query('api::project.project')
    .count({ where: { slug: { $startsWith: 'synthetic-' }, publishedAt: { $notNull: true } } });
  const missing = Math.max(0, count - existing);
  const projects = strapi.documents('api::project.project' as never) as unknown as {
    create(params: unknown): Promise<unknown>;
  };
  for (let start = 1; start <= missing; start += BATCH) {
    await strapi.db.transaction(async () => {
      for (let created = start; created < start + BATCH && created <= missing; created += 1)
        await projects.create({
          locale: 'de',
          status: 'published',
          data: syntheticProject(existing + created, ids, seed),
        });
    });
    // The batch's events and its read-model pass run after the commit; the next batch waits for them.
    await readModelIdle(strapi);
    onProgress?.(Math.min(start + BATCH - 1, missing), missing);
  }
  return missing;
}
