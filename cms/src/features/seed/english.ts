import type { Core } from '@strapi/strapi';
import { slugify } from '../submission/submission.graphql';

/**
 * English localisations of part of the demo content (the fields of action get theirs with the base data): the
 * pilot's two workshops and a handful of projects — some with every text, some with a title and summary only, so that the website shows
 * both English texts and German ones marked as German.
 */

const DEMO_NOTE_EN =
  '*Demo content: this example is invented and shows how the good-practice database works.*';

interface ProjectEnglish {
  /** The German title of the project (its slug is made from it). */
  german: string;
  title: string;
  summary: string;
  description?: string;
  outcomes?: string;
  transferability?: string;
  funding?: string;
}

export const PROJECTS_EN: ProjectEnglish[] = [
  {
    german: 'Sprachkurse für Eltern im Quartier',
    title: 'Language classes for parents in the neighbourhood',
    summary:
      'Mothers and fathers learn German in the morning at the community centre while their children are looked after in the nursery next door.',
    description: [
      'Mothers and fathers learn German in the morning at the community centre while their children are looked after in the nursery next door.',
      '## Starting point',
      'Many newcomers cannot find a suitable language course or drop out because childcare, working hours or travel do not fit.',
      '## Approach',
      'The course takes place where people already are, and childcare is part of it: parents learn while their children play next door. Everyday topics — the nursery, the doctor, the school — are the lessons.',
      DEMO_NOTE_EN,
    ].join('\n\n'),
    outcomes:
      'Participants measurably improve their German; the drop-out rate is well below that of comparable courses.',
    transferability:
      'What it takes: rooms in the neighbourhood, reliable teachers and partners who bring in childcare or practical experience.',
  },
  {
    german: 'Nachträgliche Mischung im Großwohnsiedlungsbestand',
    title: 'Retrospective social mix in a large housing estate',
    summary:
      'A housing company gradually changes how it lets its flats, to reduce one-sided concentrations in individual buildings.',
  },
  {
    german: 'Stadtteilmütter im Norden',
    title: 'Neighbourhood mothers in the north',
    summary:
      'Trained mothers with their own migration history visit families at home and tell them about education, parenting and health.',
    description: [
      'Trained mothers with their own migration history visit families at home and tell them about education, parenting and health.',
      '## Starting point',
      'Parents with a migration history find it hard to reach educational institutions, although they want a great deal for their children.',
      '## Approach',
      'The project relies on trust: contacts from the communities, offers in familiar surroundings and fixed times.',
      DEMO_NOTE_EN,
    ].join('\n\n'),
  },
  {
    german: 'Ausbildungslotsen für junge Geflüchtete',
    title: 'Apprenticeship guides for young refugees',
    summary:
      'Volunteer guides accompany young refugees from their first work placement to a signed apprenticeship contract.',
  },
  {
    german: 'Interkulturelle Kompetenz im Bürgeramt',
    title: 'Intercultural skills at the citizens’ office',
    summary:
      'Every member of staff at the citizens’ office takes part in a training course on intercultural communication and plain language.',
  },
  {
    german: 'Mehrsprachige Lesepaten in der Stadtbibliothek',
    title: 'Multilingual reading mentors at the city library',
    summary:
      'Every Saturday volunteers read to children in their family languages and in German, and turn the library into a meeting place.',
  },
];

interface WorkshopEnglish {
  slug: string;
  title: string;
  guidingQuestion: string;
  documentation: string;
  programme: { time: string; title: string; speakers: string }[];
}

export const WORKSHOPS_EN: WorkshopEnglish[] = [
  {
    slug: 'werkstatt-1-nachtraegliche-mischung',
    title:
      'New residents in disadvantaged neighbourhoods – can retrospective social mixing be a step towards better integration in the district?',
    guidingQuestion:
      'What can housing companies and municipalities do to influence who lives in disadvantaged neighbourhoods – and does it help integration?',
    documentation:
      '## Documentation\n\nThe workshop showed that retrospective social mixing is not an end in itself: it only works together with investment in schools, neighbourhood work and participation.\n\n*Demo content: text for demonstrating the platform.*',
    programme: [
      {
        time: '10:00',
        title: 'Welcome and introduction to the workshop series',
        speakers: 'Schader-Stiftung',
      },
      {
        time: '10:30',
        title: 'Segregation and social mix: what does research tell us?',
        speakers: 'Deutsches Institut für Urbanistik',
      },
      {
        time: '11:30',
        title: 'Letting policy in practice – experience from two housing companies',
        speakers: 'GdW Bundesverband deutscher Wohnungs- und Immobilienunternehmen',
      },
      {
        time: '13:30',
        title: 'Working groups: instruments, limits, side effects',
        speakers: 'Moderation: Deutscher Städtetag',
      },
      { time: '15:30', title: 'Results and agreements', speakers: 'all participants' },
    ],
  },
  {
    slug: 'werkstatt-2-stadtteilmanagement-international',
    title:
      'Neighbourhood management in the international district – models, profiles, qualifications and intercultural skills',
    guidingQuestion:
      'What must neighbourhood management be able to do when it works in a district with people from many countries of origin – and how do you recruit and train such a team?',
    documentation:
      '## Documentation\n\nThe presentations and the minutes will follow after the workshop.\n\n*Demo content: text for demonstrating the platform.*',
    programme: [
      { time: '10:00', title: 'Welcome', speakers: 'Deutscher Städtetag' },
      {
        time: '10:20',
        title: 'Models of neighbourhood management compared',
        speakers: 'vhw – Bundesverband für Wohnen und Stadtentwicklung',
      },
      {
        time: '11:15',
        title: 'Profiles and qualifications: what teams need to bring',
        speakers: 'Schader-Stiftung',
      },
      {
        time: '13:30',
        title: 'Intercultural skills – reports from three cities',
        speakers: 'neighbourhood managers',
      },
      { time: '15:15', title: 'Final round and outlook', speakers: 'all participants' },
    ],
  },
];

type Documents = {
  findFirst(params: Record<string, unknown>): Promise<Record<string, unknown> | null>;
  update(params: Record<string, unknown>): Promise<unknown>;
};
const documents = (strapi: Core.Strapi, uid: string) =>
  strapi.documents(uid as never) as unknown as Documents;

const ids = (related: unknown): string[] =>
  Array.isArray(related) ? related.map((item) => (item as { documentId: string }).documentId) : [];

/** Whether the document already has a localisation in the locale (drafts count: an editor's work stays). */
async function hasLocale(strapi: Core.Strapi, uid: string, documentId: string, locale: string) {
  return (await strapi.db.query(uid as never).count({ where: { documentId, locale } })) > 0;
}

/** Documents of `uid` that have a published English localisation, among those given. */
async function withEnglish(strapi: Core.Strapi, uid: string, documentIds: string[]) {
  if (documentIds.length === 0) return [];
  const rows = (await strapi.db.query(uid as never).findMany({
    where: { documentId: { $in: documentIds }, locale: 'en', publishedAt: { $notNull: true } },
    select: ['documentId'],
  })) as unknown as { documentId: string }[];
  const found = new Set(rows.map((row) => row.documentId));
  return documentIds.filter((id) => found.has(id));
}

/**
 * Adds the English localisations above wherever the demo document exists and has none yet (in German, found by
 * slug; projects only while they are marked as demo content), so that a database seeded before keeps up. Relations are localised in Strapi 5, so each
 * English entry links what its German one links (the English versions of fields of action and projects, where
 * they exist); non-localised fields and components Strapi copies itself. Idempotent: run it on every start.
 */
export async function seedEnglishDemo(strapi: Core.Strapi): Promise<number> {
  let added = 0;
  const fields = 'api::action-field.action-field';
  const projects = 'api::project.project';
  for (const project of PROJECTS_EN) {
    const slug = slugify(project.german);
    const german = await documents(strapi, projects).findFirst({
      locale: 'de',
      status: 'published',
      filters: { slug, demo: true },
      populate: {
        actionFields: { fields: ['documentId'] },
        city: { fields: ['documentId'] },
        leadOrganisation: { fields: ['documentId'] },
        partners: { fields: ['documentId'] },
      },
    });
    if (!german || (await hasLocale(strapi, projects, german['documentId'] as string, 'en'))) continue;
    const { german: _german, ...texts } = project;
    await documents(strapi, projects).update({
      documentId: german['documentId'],
      locale: 'en',
      status: 'published',
      data: {
        ...texts,
        slug,
        actionFields: await withEnglish(strapi, fields, ids(german['actionFields'])),
        city: (german['city'] as { documentId: string } | null)?.documentId ?? null,
        leadOrganisation: (german['leadOrganisation'] as { documentId: string } | null)?.documentId ?? null,
        partners: ids(german['partners']),
      },
    });
    added += 1;
  }

  const workshops = 'api::workshop.workshop';
  for (const workshop of WORKSHOPS_EN) {
    const german = await documents(strapi, workshops).findFirst({
      locale: 'de',
      status: 'published',
      filters: { slug: workshop.slug },
      populate: {
        actionFields: { fields: ['documentId'] },
        relatedProjects: { fields: ['documentId'] },
      },
    });
    if (!german || (await hasLocale(strapi, workshops, german['documentId'] as string, 'en'))) continue;
    const { slug, ...texts } = workshop;
    await documents(strapi, workshops).update({
      documentId: german['documentId'],
      locale: 'en',
      status: 'published',
      data: {
        ...texts,
        slug,
        actionFields: await withEnglish(strapi, fields, ids(german['actionFields'])),
        relatedProjects: await withEnglish(strapi, projects, ids(german['relatedProjects'])),
      },
    });
    added += 1;
  }
  return added;
}
