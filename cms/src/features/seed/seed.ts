import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { pdfDocument } from './pdf';
import { slugify } from '../submission/submission.graphql';
import { ACTION_FIELDS, CITIES, ORGANISATIONS } from './base-data';
import { seedEnglishDemo } from './english';
import { FIELD_TEXT, PROJECTS, type ProjectSeed } from './projects';
import { upcomingWorkshop, WORKSHOPS, type DocumentationFileSeed, type WorkshopSeed } from './workshops';

const LOCALE = 'de';
const DEMO_NOTE =
  '*Demo-Inhalt: Dieses Beispiel ist erfunden und dient der Vorführung der Gute-Praxis-Datenbank.*';

type Documents = {
  create(params: Record<string, unknown>): Promise<{ documentId: string }>;
  update(params: Record<string, unknown>): Promise<unknown>;
};

function documents(strapi: Core.Strapi, uid: string): Documents {
  return strapi.documents(uid as never) as unknown as Documents;
}

/** The database holds no content of ours yet (drafts count): only then is demo content seeded. */
export async function isContentEmpty(strapi: Core.Strapi): Promise<boolean> {
  for (const uid of [
    'api::project.project',
    'api::city.city',
    'api::action-field.action-field',
    'api::workshop.workshop',
    'api::organisation.organisation',
  ]) {
    if ((await strapi.db.query(uid as never).count({})) > 0) return false;
  }
  return true;
}

export interface BaseIds {
  actionFields: Map<string, string>;
  cities: Map<string, string>;
  organisations: Map<string, string>;
}

/** Fields of action (German, with an English localisation), cities and organisations, all published. */
export async function seedBaseData(strapi: Core.Strapi): Promise<BaseIds> {
  const actionFields = new Map<string, string>();
  for (const field of ACTION_FIELDS) {
    const { documentId } = await documents(strapi, 'api::action-field.action-field').create({
      locale: LOCALE,
      status: 'published',
      data: { name: field.name, slug: field.slug, description: field.description },
    });
    await documents(strapi, 'api::action-field.action-field').update({
      documentId,
      locale: 'en',
      status: 'published',
      data: { name: field.nameEn, slug: field.slug, description: field.descriptionEn },
    });
    actionFields.set(field.slug, documentId);
  }
  const cities = new Map<string, string>();
  for (const city of CITIES) {
    const { documentId } = await documents(strapi, 'api::city.city').create({
      status: 'published',
      data: city,
    });
    cities.set(city.slug, documentId);
  }
  const organisations = new Map<string, string>();
  for (const organisation of ORGANISATIONS) {
    const { documentId } = await documents(strapi, 'api::organisation.organisation').create({
      status: 'published',
      data: { ...organisation, city: cities.get(organisation.city) },
    });
    organisations.set(organisation.slug, documentId);
  }
  return { actionFields, cities, organisations };
}

export function projectDescription(project: Pick<ProjectSeed, 'summary' | 'fields'>): string {
  const texts = project.fields.map((field) => FIELD_TEXT[field]).filter((text) => text !== undefined);
  const [first] = texts;
  return [
    project.summary,
    '## Ausgangslage',
    first?.context ?? '',
    '## Vorgehen',
    texts.map((text) => text.approach).join(' '),
    DEMO_NOTE,
  ].join('\n\n');
}

function projectData(project: ProjectSeed, ids: BaseIds, index: number) {
  const first = FIELD_TEXT[project.fields[0] ?? ''];
  const partnerSlugs = ['schader-stiftung', 'deutscher-staedtetag', 'gdw', 'difu', 'vhw'];
  const partner = partnerSlugs[index % partnerSlugs.length] as string;
  const cityName = CITIES.find((city) => city.slug === project.city)?.name ?? '';
  return {
    title: project.title,
    slug: slugify(project.title),
    summary: project.summary,
    description: projectDescription(project),
    actionFields: project.fields.map((slug) => ids.actionFields.get(slug)).filter(Boolean),
    city: ids.cities.get(project.city),
    leadOrganisation: ids.organisations.get(project.lead),
    partners: partner === project.lead ? [] : [ids.organisations.get(partner)],
    startDate: `${project.start}-0${(index % 9) + 1}-01`,
    endDate: project.done ? `${project.start + 3}-12-31` : null,
    ongoing: !project.done,
    projectStatus: project.done ? 'abgeschlossen' : 'laufend',
    targetGroups: project.groups.map((group) => ({ group })),
    funding:
      index % 3 === 0
        ? 'Städtebauförderung (Sozialer Zusammenhalt) und Eigenmittel'
        : index % 3 === 1
          ? 'Landesprogramm Integration und kommunale Mittel'
          : 'Stiftungsmittel und Spenden',
    budgetRange: ['bis_10000', 'bis_50000', 'bis_250000', 'ueber_250000'][index % 4],
    outcomes: first?.outcome ?? null,
    transferability: first?.transfer ?? null,
    contacts: [
      {
        name: [
          'Aylin Demir',
          'Jonas Becker',
          'Marta Nowak',
          'Samir Haddad',
          'Lena Hoffmann',
          'Dimitri Popov',
        ][index % 6],
        role: 'Projektkoordination',
        organisation: ORGANISATIONS.find((organisation) => organisation.slug === project.lead)?.name ?? null,
        email: `projekt${index + 1}@example.org`,
        phone: `+49 30 555 ${String(1000 + index).padStart(4, '0')}`,
        address: cityName ? `Musterstraße ${index + 1}, ${cityName}` : null,
      },
    ],
    website: `https://example.org/projekte/${slugify(project.title)}`,
    source: 'redaktionell',
    demo: true,
  };
}

/**
 * Seeds the demo content (fields of action, cities, organisations, the example projects and the pilot's
 * two workshops with their documentation files, and the next workshop six weeks ahead; German with some English)
 * when SEED_DEMO=true and the database holds none of our content yet. A database that has content gets only the
 * English localisations of demo documents that lack them. Safe on every start.
 */
export async function seedDemoContent(strapi: Core.Strapi): Promise<'seeded' | 'not-empty'> {
  if (!(await isContentEmpty(strapi))) {
    const added = await seedEnglishDemo(strapi);
    if (added > 0) strapi.log.info(`Seeded English localisations of ${added} demo documents`);
    return 'not-empty';
  }
  const started = Date.now();
  const workshops = [...WORKSHOPS, upcomingWorkshop()];
  // One transaction: a statement that commits on its own waits for the disk (SQLite's journal, PostgreSQL's
  // WAL) — hundreds of times in a seed. The content events go out once it has committed.
  const english = await strapi.db.transaction(async () => {
    const ids = await seedBaseData(strapi);
    const projectIds = new Map<string, string>();
    for (const [index, project] of PROJECTS.entries()) {
      const { documentId } = await documents(strapi, 'api::project.project').create({
        locale: LOCALE,
        status: 'published',
        data: projectData(project, ids, index),
      });
      projectIds.set(project.title, documentId);
    }
    for (const workshop of workshops) await seedWorkshop(strapi, workshop, ids, projectIds);
    return seedEnglishDemo(strapi);
  });
  strapi.log.info(
    `Seeded demo content: ${PROJECTS.length} projects, ${CITIES.length} cities, ${workshops.length} workshops (${english} projects and workshops also in English) in ${Date.now() - started} ms`,
  );
  return 'seeded';
}

/** Writes the documentation files into Strapi's media library (as an upload would) and returns their ids. */
export async function uploadDocumentationFiles(
  strapi: Core.Strapi,
  files: DocumentationFileSeed[],
): Promise<number[]> {
  if (files.length === 0) return [];
  const folder = mkdtempSync(path.join(tmpdir(), 'stadtnetz-seed-'));
  try {
    const ids: number[] = [];
    for (const [index, file] of files.entries()) {
      const filepath = path.join(folder, `${index}.pdf`);
      const bytes = pdfDocument(file.name.replace(/\.pdf$/, ''), file.heading, file.lines);
      writeFileSync(filepath, bytes);
      const [uploaded] = (await strapi
        .plugin('upload')
        .service('upload')
        .upload({
          data: { fileInfo: { name: file.name, caption: file.heading, alternativeText: file.heading } },
          files: { filepath, originalFilename: file.name, mimetype: 'application/pdf', size: bytes.length },
        })) as { id: number }[];
      if (uploaded) ids.push(uploaded.id);
    }
    return ids;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function seedWorkshop(
  strapi: Core.Strapi,
  workshop: WorkshopSeed,
  ids: BaseIds,
  projectIds: Map<string, string>,
): Promise<void> {
  const documentationFiles = await uploadDocumentationFiles(strapi, workshop.documentationFiles);
  await documents(strapi, 'api::workshop.workshop').create({
    locale: LOCALE,
    status: 'published',
    data: {
      title: workshop.title,
      slug: workshop.slug,
      number: workshop.number,
      guidingQuestion: workshop.guidingQuestion,
      startsAt: workshop.startsAt,
      endsAt: workshop.endsAt,
      venue: {
        name: workshop.venue.name,
        address: workshop.venue.address,
        city: ids.cities.get(workshop.venue.city),
      },
      programme: workshop.programme,
      registration: workshop.registration,
      documentation: workshop.documentation,
      documentationFiles,
      actionFields: workshop.fields.map((slug) => ids.actionFields.get(slug)),
      relatedProjects: workshop.projects.map((title) => projectIds.get(title)).filter(Boolean),
    },
  });
}
