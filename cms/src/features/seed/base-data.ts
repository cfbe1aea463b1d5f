/** Demo base data: fields of action, cities and organisations. Figures are rounded public statistics. */

export interface ActionFieldSeed {
  slug: string;
  name: string;
  nameEn: string;
  description: string;
  descriptionEn: string;
}

export const ACTION_FIELDS: ActionFieldSeed[] = [
  {
    slug: 'sprache-und-bildung',
    name: 'Sprache und Bildung',
    nameEn: 'Language and education',
    description:
      'Deutschkurse, Mehrsprachigkeit, schulische und außerschulische Bildung für alle Altersgruppen.',
    descriptionEn: 'German courses, multilingualism, school and out-of-school education for all age groups.',
  },
  {
    slug: 'arbeit-und-ausbildung',
    name: 'Arbeit und Ausbildung',
    nameEn: 'Work and vocational training',
    description:
      'Zugang zu Ausbildung und Arbeitsmarkt, Anerkennung von Abschlüssen, berufliche Orientierung.',
    descriptionEn:
      'Access to vocational training and the labour market, recognition of qualifications, career orientation.',
  },
  {
    slug: 'wohnen-und-quartier',
    name: 'Wohnen und Quartier',
    nameEn: 'Housing and neighbourhood',
    description: 'Wohnraumversorgung, Belegung, Nachbarschaften und das Zusammenleben im Wohnquartier.',
    descriptionEn: 'Housing supply, letting, neighbourhoods and living together in residential areas.',
  },
  {
    slug: 'gesundheit-und-pflege',
    name: 'Gesundheit und Pflege',
    nameEn: 'Health and care',
    description: 'Gesundheitsförderung, kultursensible Pflege, Zugang zur Gesundheitsversorgung.',
    descriptionEn: 'Health promotion, culturally sensitive care, access to health services.',
  },
  {
    slug: 'kinder-jugend-familie',
    name: 'Kinder, Jugend und Familie',
    nameEn: 'Children, youth and family',
    description: 'Frühe Förderung, Elternarbeit, offene Jugendarbeit und Familienbildung.',
    descriptionEn: 'Early support, work with parents, open youth work and family education.',
  },
  {
    slug: 'interkulturelle-oeffnung',
    name: 'Interkulturelle Öffnung der Verwaltung',
    nameEn: 'Intercultural opening of public administration',
    description: 'Diversität im Personal, Qualifizierung, mehrsprachige Angebote und Beschwerdemanagement.',
    descriptionEn: 'Diversity among staff, training, multilingual services and complaint management.',
  },
  {
    slug: 'buergerschaftliches-engagement',
    name: 'Bürgerschaftliches Engagement',
    nameEn: 'Civic engagement',
    description: 'Ehrenamt, Patenschaften, Migrantenorganisationen als Partner.',
    descriptionEn: 'Volunteering, mentoring, migrant organisations as partners.',
  },
  {
    slug: 'antidiskriminierung',
    name: 'Antidiskriminierung und Teilhabe',
    nameEn: 'Anti-discrimination and participation',
    description: 'Beratung bei Diskriminierung, Empowerment und gleichberechtigte Teilhabe.',
    descriptionEn: 'Advice on discrimination, empowerment and equal participation.',
  },
  {
    slug: 'sport-kultur-freizeit',
    name: 'Sport, Kultur und Freizeit',
    nameEn: 'Sport, culture and leisure',
    description: 'Begegnung durch Sport, Kultur- und Freizeitangebote, interkulturelle Feste.',
    descriptionEn: 'Meeting through sport, cultural and leisure activities, intercultural festivals.',
  },
  {
    slug: 'politische-partizipation',
    name: 'Politische Partizipation',
    nameEn: 'Political participation',
    description: 'Integrationsräte, Beteiligungsverfahren und politische Bildung.',
    descriptionEn: 'Integration councils, participation procedures and civic education.',
  },
  {
    slug: 'ankommen-und-erstorientierung',
    name: 'Ankommen und Erstorientierung',
    nameEn: 'Arrival and first orientation',
    description: 'Willkommensstrukturen, Erstberatung, Lotsen- und Orientierungsangebote.',
    descriptionEn: 'Welcome structures, first advice, guide and orientation services.',
  },
  {
    slug: 'migrantische-oekonomie',
    name: 'Migrantische Ökonomie und Gründung',
    nameEn: 'Migrant entrepreneurship',
    description: 'Gründungsberatung, lokale Ökonomie und Unternehmen von Zugewanderten.',
    descriptionEn: 'Start-up advice, the local economy and businesses run by immigrants.',
  },
  {
    slug: 'stadtteilmanagement',
    name: 'Stadtteilmanagement und Quartiersentwicklung',
    nameEn: 'Neighbourhood management and development',
    description: 'Integrierte Stadtteilentwicklung, Quartiersmanagement und Soziale Stadt.',
    descriptionEn:
      'Integrated neighbourhood development, neighbourhood management and the Social City programme.',
  },
];

export interface CitySeed {
  slug: string;
  name: string;
  federalState: string;
  population: number;
  latitude: number;
  longitude: number;
}

const city = (
  slug: string,
  name: string,
  federalState: string,
  population: number,
  latitude: number,
  longitude: number,
): CitySeed => ({
  slug,
  name,
  federalState,
  population,
  latitude,
  longitude,
});

export const CITIES: CitySeed[] = [
  city('berlin', 'Berlin', 'berlin', 3755251, 52.52, 13.405),
  city('hamburg', 'Hamburg', 'hamburg', 1892122, 53.551, 9.994),
  city('muenchen', 'München', 'bayern', 1512491, 48.137, 11.575),
  city('koeln', 'Köln', 'nordrhein_westfalen', 1084831, 50.938, 6.96),
  city('frankfurt-am-main', 'Frankfurt am Main', 'hessen', 773068, 50.11, 8.682),
  city('stuttgart', 'Stuttgart', 'baden_wuerttemberg', 632865, 48.776, 9.183),
  city('duesseldorf', 'Düsseldorf', 'nordrhein_westfalen', 629047, 51.227, 6.773),
  city('leipzig', 'Leipzig', 'sachsen', 616093, 51.34, 12.375),
  city('dortmund', 'Dortmund', 'nordrhein_westfalen', 595471, 51.514, 7.466),
  city('essen', 'Essen', 'nordrhein_westfalen', 586608, 51.456, 7.012),
  city('bremen', 'Bremen', 'bremen', 577026, 53.079, 8.802),
  city('dresden', 'Dresden', 'sachsen', 563311, 51.05, 13.738),
  city('hannover', 'Hannover', 'niedersachsen', 545045, 52.376, 9.732),
  city('nuernberg', 'Nürnberg', 'bayern', 523026, 49.452, 11.077),
  city('duisburg', 'Duisburg', 'nordrhein_westfalen', 502211, 51.435, 6.763),
  city('bochum', 'Bochum', 'nordrhein_westfalen', 367538, 51.482, 7.216),
  city('wuppertal', 'Wuppertal', 'nordrhein_westfalen', 358876, 51.256, 7.151),
  city('bielefeld', 'Bielefeld', 'nordrhein_westfalen', 338332, 52.03, 8.532),
  city('bonn', 'Bonn', 'nordrhein_westfalen', 335789, 50.737, 7.098),
  city('mannheim', 'Mannheim', 'baden_wuerttemberg', 315554, 49.488, 8.466),
  city('karlsruhe', 'Karlsruhe', 'baden_wuerttemberg', 308707, 49.007, 8.404),
  city('augsburg', 'Augsburg', 'bayern', 301033, 48.371, 10.898),
  city('wiesbaden', 'Wiesbaden', 'hessen', 283083, 50.082, 8.24),
  city('gelsenkirchen', 'Gelsenkirchen', 'nordrhein_westfalen', 263000, 51.518, 7.086),
  city('kiel', 'Kiel', 'schleswig_holstein', 247717, 54.323, 10.123),
  city('halle-saale', 'Halle (Saale)', 'sachsen_anhalt', 238061, 51.483, 11.97),
  city('magdeburg', 'Magdeburg', 'sachsen_anhalt', 237565, 52.12, 11.628),
  city('mainz', 'Mainz', 'rheinland_pfalz', 220552, 49.993, 8.247),
  city('erfurt', 'Erfurt', 'thueringen', 214969, 50.978, 11.029),
  city('rostock', 'Rostock', 'mecklenburg_vorpommern', 209920, 54.092, 12.099),
  city('potsdam', 'Potsdam', 'brandenburg', 183154, 52.391, 13.065),
  city('saarbruecken', 'Saarbrücken', 'saarland', 180374, 49.234, 6.997),
  city('darmstadt', 'Darmstadt', 'hessen', 159878, 49.872, 8.651),
  city('offenbach-am-main', 'Offenbach am Main', 'hessen', 131295, 50.1, 8.766),
  city('salzgitter', 'Salzgitter', 'niedersachsen', 104548, 52.153, 10.333),
  city('cottbus', 'Cottbus', 'brandenburg', 99514, 51.756, 14.333),
  city('hanau', 'Hanau', 'hessen', 98502, 50.132, 8.917),
];

export interface OrganisationSeed {
  slug: string;
  name: string;
  kind:
    | 'Kommune'
    | 'Wissenschaft'
    | 'Sozialwesen'
    | 'Wohnungsunternehmen'
    | 'Initiative'
    | 'Stiftung'
    | 'Verband';
  city: string;
  website?: string;
}

export const ORGANISATIONS: OrganisationSeed[] = [
  // The pilot's partners.
  {
    slug: 'schader-stiftung',
    name: 'Schader-Stiftung',
    kind: 'Stiftung',
    city: 'darmstadt',
    website: 'https://www.schader-stiftung.de',
  },
  {
    slug: 'deutscher-staedtetag',
    name: 'Deutscher Städtetag',
    kind: 'Verband',
    city: 'berlin',
    website: 'https://www.staedtetag.de',
  },
  {
    slug: 'gdw',
    name: 'GdW Bundesverband deutscher Wohnungs- und Immobilienunternehmen',
    kind: 'Verband',
    city: 'berlin',
    website: 'https://www.gdw.de',
  },
  {
    slug: 'difu',
    name: 'Deutsches Institut für Urbanistik',
    kind: 'Wissenschaft',
    city: 'berlin',
    website: 'https://difu.de',
  },
  {
    slug: 'vhw',
    name: 'vhw – Bundesverband für Wohnen und Stadtentwicklung',
    kind: 'Verband',
    city: 'berlin',
    website: 'https://www.vhw.de',
  },
  // Fictional organisations for the demo projects.
  {
    slug: 'kommunales-integrationszentrum-demo',
    name: 'Kommunales Integrationszentrum (Demo)',
    kind: 'Kommune',
    city: 'dortmund',
  },
  {
    slug: 'amt-fuer-vielfalt-demo',
    name: 'Amt für Integration und Vielfalt (Demo)',
    kind: 'Kommune',
    city: 'frankfurt-am-main',
  },
  {
    slug: 'nachbarschaftswerk-nord',
    name: 'Nachbarschaftswerk Nord e. V.',
    kind: 'Initiative',
    city: 'hamburg',
  },
  { slug: 'bildungswerk-bruecken', name: 'Bildungswerk Brücken e. V.', kind: 'Sozialwesen', city: 'leipzig' },
  {
    slug: 'wohnungsgenossenschaft-miteinander',
    name: 'Wohnungsgenossenschaft Miteinander eG',
    kind: 'Wohnungsunternehmen',
    city: 'bremen',
  },
  {
    slug: 'stadtbau-gesellschaft-demo',
    name: 'Städtische Wohnungsbaugesellschaft (Demo)',
    kind: 'Wohnungsunternehmen',
    city: 'duisburg',
  },
  { slug: 'initiative-ankommen', name: 'Initiative Ankommen e. V.', kind: 'Initiative', city: 'dresden' },
  {
    slug: 'migrationsberatung-quartier',
    name: 'Migrationsberatung im Quartier gGmbH',
    kind: 'Sozialwesen',
    city: 'koeln',
  },
  {
    slug: 'institut-stadt-migration',
    name: 'Institut für Stadt- und Migrationsforschung (Demo)',
    kind: 'Wissenschaft',
    city: 'bochum',
  },
  {
    slug: 'stiftung-zusammenleben',
    name: 'Stiftung Zusammenleben (Demo)',
    kind: 'Stiftung',
    city: 'stuttgart',
  },
  { slug: 'sportbund-vielfalt', name: 'Sportbund Vielfalt e. V.', kind: 'Verband', city: 'hannover' },
  {
    slug: 'verbund-migrantenorganisationen',
    name: 'Verbund der Migrantenorganisationen (Demo)',
    kind: 'Initiative',
    city: 'nuernberg',
  },
  {
    slug: 'gesundheitsnetz-demo',
    name: 'Gesundheitsnetz Mittendrin e. V.',
    kind: 'Sozialwesen',
    city: 'mannheim',
  },
];
