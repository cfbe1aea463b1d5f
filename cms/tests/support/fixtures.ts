/* eslint-disable @typescript-eslint/no-explicit-any -- tests read untyped GraphQL responses and Strapi documents */
import type { Core } from '@strapi/strapi';

/** A small, hand-made content set the integration suites assert against. */
export interface Fixtures {
  actionFields: { sprache: string; arbeit: string; wohnen: string };
  cities: { leipzig: string; bremen: string };
  projects: {
    sprachkurse: string;
    lotsen: string;
    quartier: string;
    elterncafe: string;
    draftOnly: string;
  };
}

type Docs = { documentId: string };

export async function createFixtures(strapi: Core.Strapi): Promise<Fixtures> {
  const documents = (uid: string) => strapi.documents(uid as never) as any;
  const publish = async (uid: string, data: Record<string, unknown>, locale?: string) =>
    ((await documents(uid).create({ data, status: 'published', ...(locale ? { locale } : {}) })) as Docs)
      .documentId;

  const sprache = await publish(
    'api::action-field.action-field',
    { name: 'Sprache und Bildung', slug: 'sprache-und-bildung' },
    'de',
  );
  const arbeit = await publish(
    'api::action-field.action-field',
    { name: 'Arbeit und Ausbildung', slug: 'arbeit-und-ausbildung' },
    'de',
  );
  const wohnen = await publish(
    'api::action-field.action-field',
    { name: 'Wohnen und Quartier', slug: 'wohnen-und-quartier' },
    'de',
  );
  const leipzig = await publish('api::city.city', {
    name: 'Leipzig',
    slug: 'leipzig',
    federalState: 'sachsen',
    population: 619879,
    latitude: 51.34,
    longitude: 12.37,
  });
  const bremen = await publish('api::city.city', {
    name: 'Bremen',
    slug: 'bremen',
    federalState: 'bremen',
    population: 577026,
    latitude: 53.08,
    longitude: 8.8,
  });

  const project = (data: Record<string, unknown>) =>
    publish('api::project.project', { projectStatus: 'laufend', source: 'redaktionell', ...data }, 'de');
  const sprachkurse = await project({
    title: 'Sprachkurse für Eltern im Quartier',
    slug: 'sprachkurse-fuer-eltern',
    summary: 'Mütter und Väter lernen Deutsch, während ihre Kinder in der Kita nebenan betreut werden.',
    description: 'Die Kurse finden vormittags im Stadtteilzentrum statt.',
    actionFields: [sprache],
    city: leipzig,
    targetGroups: [{ group: 'familien' }, { group: 'neuzugewanderte' }],
    contacts: [
      { name: 'Anna Beispiel', role: 'Projektleitung', email: 'anna@example.org' },
      { name: 'Ben Muster', role: 'Kursleitung' },
    ],
  });
  const lotsen = await project({
    title: 'Ausbildungslotsen für junge Geflüchtete',
    slug: 'ausbildungslotsen',
    summary: 'Ehrenamtliche begleiten junge Geflüchtete vom ersten Praktikum bis zum Ausbildungsvertrag.',
    description: 'Begleitend gibt es einen berufsbezogenen Sprachkurs.',
    actionFields: [arbeit],
    city: bremen,
    projectStatus: 'abgeschlossen',
    targetGroups: [{ group: 'gefluechtete' }, { group: 'jugendliche' }],
    contacts: [{ name: 'Cem Beispiel' }],
  });
  const quartier = await project({
    title: 'Nachbarschaftstreff im Neubaugebiet',
    slug: 'nachbarschaftstreff',
    summary: 'Ein offener Treffpunkt, an dem alte und neue Bewohnerinnen und Bewohner ins Gespräch kommen.',
    actionFields: [wohnen],
    city: bremen,
    targetGroups: [{ group: 'nachbarschaft' }],
  });
  const elterncafe = await project({
    title: 'Elterncafé mit Deutschkurs',
    slug: 'elterncafe',
    summary: 'Eltern treffen sich wöchentlich, lernen Deutsch und tauschen sich über Schule und Kita aus.',
    actionFields: [sprache, wohnen],
    city: leipzig,
    targetGroups: [{ group: 'familien' }],
  });
  const draftOnly = (
    (await documents('api::project.project').create({
      locale: 'de',
      data: {
        title: 'Unveröffentlichter Sprachkurs-Entwurf',
        slug: 'entwurf',
        summary: 'Dieser Entwurf darf öffentlich nirgends erscheinen, auch nicht in der Suche.',
        actionFields: [sprache],
        city: leipzig,
        projectStatus: 'laufend',
        source: 'redaktionell',
      },
    })) as Docs
  ).documentId;

  return {
    actionFields: { sprache, arbeit, wohnen },
    cities: { leipzig, bremen },
    projects: { sprachkurse, lotsen, quartier, elterncafe, draftOnly },
  };
}
