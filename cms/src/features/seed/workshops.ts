/** The pilot's two workshops, with their real topics. Dates, programme and documentation are demo content. */
export const WORKSHOPS = [
  {
    number: 1,
    slug: 'werkstatt-1-nachtraegliche-mischung',
    title:
      'Neue Bewohner in benachteiligten Wohnquartieren – kann die nachträgliche Mischung ein Schritt zu einer besseren Integration im Stadtteil sein?',
    guidingQuestion:
      'Welche Möglichkeiten haben Wohnungsunternehmen und Kommunen, die Zusammensetzung der Bewohnerschaft in benachteiligten Quartieren zu beeinflussen – und hilft das der Integration?',
    startsAt: '2026-03-19T10:00:00.000Z',
    endsAt: '2026-03-19T16:30:00.000Z',
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
    registration: { open: false, capacity: 60, deadline: '2026-03-05T23:59:00.000Z' },
    documentation:
      '## Dokumentation\n\nDie Werkstatt hat gezeigt, dass nachträgliche Mischung kein Selbstzweck ist: Sie wirkt nur zusammen mit Investitionen in Schulen, Nachbarschaftsarbeit und Beteiligung.\n\n*Demo-Inhalt: Text zur Vorführung der Plattform.*',
  },
  {
    number: 2,
    slug: 'werkstatt-2-stadtteilmanagement-international',
    title:
      'Stadtteilmanagement im internationalen Quartier – Modelle, Profile, Qualifikation und interkulturelle Kompetenz',
    guidingQuestion:
      'Was muss ein Stadtteilmanagement können, das in einem Quartier mit Menschen aus vielen Herkunftsländern arbeitet – und wie gewinnt und qualifiziert man ein solches Team?',
    startsAt: '2026-06-18T10:00:00.000Z',
    endsAt: '2026-06-18T16:00:00.000Z',
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
    registration: { open: true, capacity: 80, deadline: '2026-06-04T23:59:00.000Z' },
    documentation:
      '## Dokumentation\n\nDie Präsentationen und das Protokoll folgen nach der Werkstatt.\n\n*Demo-Inhalt: Text zur Vorführung der Plattform.*',
  },
];
