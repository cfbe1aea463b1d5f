import { berlinDate, berlinTime } from '../time/berlin-time';

/** A documentation file of a workshop: the seed writes it as a small PDF into Strapi's media library. */
export interface DocumentationFileSeed {
  /** The file's name in the media library and on the website. */
  name: string;
  /** Headline and paragraphs of its one page. */
  heading: string;
  lines: string[];
}

export interface WorkshopSeed {
  number: number;
  slug: string;
  title: string;
  guidingQuestion: string;
  /** Instants (UTC, ISO) of the Berlin wall-clock times: a workshop starts when its programme starts. */
  startsAt: string;
  endsAt: string;
  venue: { name: string; address: string; city: string };
  fields: string[];
  projects: string[];
  programme: { time: string; title: string; speakers: string }[];
  registration: {
    open: boolean;
    capacity: number;
    deadline: string;
    waitlist?: boolean;
    approvalRequired?: boolean;
    questions?: { key: string; label: string; labelEn: string; required: boolean }[];
  };
  documentation: string | null;
  documentationFiles: DocumentationFileSeed[];
}

const DEMO_FILE_NOTE = 'Demo-Inhalt: Diese Datei dient der Vorführung der Plattform.';

/**
 * The pilot's two workshops, with their real topics. Dates, programme and documentation are demo content; every
 * time is Berlin's (the programme's first item is the start).
 */
export const WORKSHOPS: WorkshopSeed[] = [
  {
    number: 1,
    slug: 'werkstatt-1-nachtraegliche-mischung',
    title:
      'Neue Bewohner in benachteiligten Wohnquartieren – kann die nachträgliche Mischung ein Schritt zu einer besseren Integration im Stadtteil sein?',
    guidingQuestion:
      'Welche Möglichkeiten haben Wohnungsunternehmen und Kommunen, die Zusammensetzung der Bewohnerschaft in benachteiligten Quartieren zu beeinflussen – und hilft das der Integration?',
    startsAt: berlinTime('2026-03-19', '10:00'),
    endsAt: berlinTime('2026-03-19', '16:30'),
    venue: { name: 'Schader-Forum', address: 'Goethestraße 2, 64285 Darmstadt', city: 'darmstadt' },
    fields: ['wohnen-und-quartier', 'stadtteilmanagement'],
    projects: [
      'Nachträgliche Mischung im Großwohnsiedlungsbestand',
      'Belegungsmanagement mit Quartiersblick',
      'Modellvorhaben Integration im Quartier',
    ],
    programme: [
      {
        time: '10:00',
        title: 'Begrüßung und Einführung in die Werkstattreihe',
        speakers: 'Schader-Stiftung',
      },
      {
        time: '10:30',
        title: 'Segregation und Mischung: Was wissen wir aus der Forschung?',
        speakers: 'Deutsches Institut für Urbanistik',
      },
      {
        time: '11:30',
        title: 'Belegungspolitik in der Praxis – Erfahrungen aus zwei Wohnungsunternehmen',
        speakers: 'GdW Bundesverband deutscher Wohnungs- und Immobilienunternehmen',
      },
      {
        time: '13:30',
        title: 'Arbeitsgruppen: Instrumente, Grenzen, Nebenwirkungen',
        speakers: 'Moderation: Deutscher Städtetag',
      },
      { time: '15:30', title: 'Ergebnisse und Verabredungen', speakers: 'alle Teilnehmenden' },
    ],
    registration: { open: false, capacity: 60, deadline: berlinTime('2026-03-05', '23:59') },
    documentation:
      '## Dokumentation\n\nDie Werkstatt hat gezeigt, dass nachträgliche Mischung kein Selbstzweck ist: Sie wirkt nur zusammen mit Investitionen in Schulen, Nachbarschaftsarbeit und Beteiligung.\n\n*Demo-Inhalt: Text zur Vorführung der Plattform.*',
    documentationFiles: [
      {
        name: 'Protokoll Werkstatt 1.pdf',
        heading: 'Protokoll der Werkstatt 1: Nachträgliche Mischung',
        lines: [
          '19. März 2026, Schader-Forum, Darmstadt',
          'Nachträgliche Mischung wirkt nur zusammen mit Investitionen in Schulen,',
          'Nachbarschaftsarbeit und Beteiligung der Bewohnerinnen und Bewohner.',
          DEMO_FILE_NOTE,
        ],
      },
      {
        name: 'Ergebnisse der Arbeitsgruppen Werkstatt 1.pdf',
        heading: 'Arbeitsgruppen: Instrumente, Grenzen, Nebenwirkungen',
        lines: [
          'Belegungsmanagement braucht klare Ziele und die Zusammenarbeit von Kommune und Wohnungswirtschaft.',
          'Verdrängung vermeiden: Mischung darf nicht auf Kosten der heutigen Bewohnerschaft gehen.',
          DEMO_FILE_NOTE,
        ],
      },
    ],
  },
  {
    number: 2,
    slug: 'werkstatt-2-stadtteilmanagement-international',
    title:
      'Stadtteilmanagement im internationalen Quartier – Modelle, Profile, Qualifikation und interkulturelle Kompetenz',
    guidingQuestion:
      'Was muss ein Stadtteilmanagement können, das in einem Quartier mit Menschen aus vielen Herkunftsländern arbeitet – und wie gewinnt und qualifiziert man ein solches Team?',
    startsAt: berlinTime('2026-06-18', '10:00'),
    endsAt: berlinTime('2026-06-18', '16:00'),
    venue: { name: 'Haus der Deutschen Städte', address: 'Hausvogteiplatz 1, 10117 Berlin', city: 'berlin' },
    fields: ['stadtteilmanagement', 'interkulturelle-oeffnung'],
    projects: [
      'Quartiersmanagement mit interkulturellem Team',
      'Quartiersbüro im Erdgeschoss',
      'Quartiersfonds für Bewohnerideen',
    ],
    programme: [
      { time: '10:00', title: 'Begrüßung', speakers: 'Deutscher Städtetag' },
      {
        time: '10:20',
        title: 'Modelle des Stadtteilmanagements im Vergleich',
        speakers: 'vhw – Bundesverband für Wohnen und Stadtentwicklung',
      },
      {
        time: '11:15',
        title: 'Profile und Qualifikation: Was Teams mitbringen müssen',
        speakers: 'Schader-Stiftung',
      },
      {
        time: '13:30',
        title: 'Interkulturelle Kompetenz – Praxisberichte aus drei Städten',
        speakers: 'Quartiersmanagerinnen und -manager',
      },
      { time: '15:15', title: 'Abschlussrunde und Ausblick', speakers: 'alle Teilnehmenden' },
    ],
    // Left open as an editor may leave it: the website closes registration once the deadline or the day has passed.
    registration: { open: true, capacity: 80, deadline: berlinTime('2026-06-04', '23:59') },
    documentation:
      '## Dokumentation\n\nDas Protokoll und die Präsentation zu den Modellen des Stadtteilmanagements stehen unten zum Herunterladen bereit.\n\n*Demo-Inhalt: Text zur Vorführung der Plattform.*',
    documentationFiles: [
      {
        name: 'Protokoll Werkstatt 2.pdf',
        heading: 'Protokoll der Werkstatt 2: Stadtteilmanagement im internationalen Quartier',
        lines: [
          '18. Juni 2026, Haus der Deutschen Städte, Berlin',
          'Teams im Stadtteilmanagement brauchen Sprachkenntnisse, Kontakte in die Communities',
          'und eine verlässliche Finanzierung über mehrere Jahre.',
          DEMO_FILE_NOTE,
        ],
      },
      {
        name: 'Präsentation Modelle des Stadtteilmanagements.pdf',
        heading: 'Modelle des Stadtteilmanagements im Vergleich',
        lines: [
          'Kommunal getragen, bei freien Trägern oder bei Wohnungsunternehmen: drei Modelle im Überblick.',
          DEMO_FILE_NOTE,
        ],
      },
    ],
  },
];

/**
 * The next workshop of the series, six weeks after the day of seeding (so the home page and the workshop pages
 * show a real future event), with registration open until two weeks before and a small capacity.
 */
export function upcomingWorkshop(today: Date = new Date()): WorkshopSeed {
  const day = berlinDate(today, 42);
  const deadline = berlinDate(today, 28);
  return {
    number: 3,
    slug: 'werkstatt-3-ankommen-im-quartier',
    title:
      'Ankommen im Quartier – Nachbarschaft, Ehrenamt und Verwaltung gemeinsam für neue Bewohnerinnen und Bewohner',
    guidingQuestion:
      'Wie gelingt es Kommunen, Wohnungsunternehmen und Initiativen, neu Zugezogene in den ersten Monaten gemeinsam zu begleiten – und wer übernimmt welche Rolle?',
    startsAt: berlinTime(day, '10:00'),
    endsAt: berlinTime(day, '16:00'),
    venue: { name: 'Neues Rathaus', address: 'Martin-Luther-Ring 4–6, 04109 Leipzig', city: 'leipzig' },
    fields: ['wohnen-und-quartier', 'interkulturelle-oeffnung'],
    projects: ['Quartiersbüro im Erdgeschoss', 'Quartiersfonds für Bewohnerideen'],
    programme: [
      { time: '10:00', title: 'Begrüßung und Einführung', speakers: 'Stadt Leipzig und Schader-Stiftung' },
      {
        time: '10:30',
        title: 'Die ersten hundert Tage: Was Neuzugezogene brauchen',
        speakers: 'Deutsches Institut für Urbanistik',
      },
      { time: '13:30', title: 'Arbeitsgruppen: Rollen und Absprachen vor Ort', speakers: 'Moderation: vhw' },
      { time: '15:30', title: 'Ergebnisse und nächste Schritte', speakers: 'alle Teilnehmenden' },
    ],
    // Small on purpose, with a waiting list: a new user sees the whole flow.
    registration: {
      open: true,
      capacity: 3,
      deadline: berlinTime(deadline, '23:59'),
      waitlist: true,
      approvalRequired: false,
      questions: [
        { key: 'organisation', label: 'Organisation', labelEn: 'Organisation', required: false },
        {
          key: 'barrierefreiheit',
          label:
            'Brauchen Sie etwas, um teilnehmen zu können (z. B. stufenlosen Zugang, Gebärdensprachdolmetschung)?',
          labelEn: 'Do you need anything to take part (e.g. step-free access, sign-language interpreting)?',
          required: false,
        },
        {
          key: 'verpflegung',
          label: 'Wünsche zur Verpflegung (z. B. vegetarisch, Allergien)',
          labelEn: 'Dietary needs (e.g. vegetarian, allergies)',
          required: false,
        },
      ],
    },
    documentation: null,
    documentationFiles: [],
  };
}
