/**
 * German labels and help texts of every field in the content manager, kept in code so that a fresh start has
 * them (applied at bootstrap by content-manager-labels.ts). A label is [label, help text?].
 */
export type FieldLabels = Record<string, [label: string, description?: string]>;

const TITLE_INTRO_SECTIONS: FieldLabels = {
  title: ['Titel', 'Die Überschrift der Seite.'],
  intro: ['Einleitung', 'Ein kurzer Absatz über der Seite.'],
  sections: ['Abschnitte', 'Je Abschnitt eine Zwischenüberschrift und ihr Text.'],
};

export const CONTENT_TYPE_LABELS: Record<string, FieldLabels> = {
  'api::project.project': {
    title: ['Titel', 'Der Name des Projekts, wie er in Listen und Suchergebnissen erscheint.'],
    slug: [
      'Kurzname in Adressen',
      'Wird aus dem Titel gebildet; nur Kleinbuchstaben, Ziffern und Bindestriche.',
    ],
    summary: ['Kurzbeschreibung', 'Zwei, drei Sätze für Listen und Suchergebnisse (reiner Text).'],
    description: ['Beschreibung', 'Ausgangslage und Vorgehen, in Markdown.'],
    actionFields: ['Handlungsfelder', 'Mindestens ein Handlungsfeld, in dem das Projekt wirkt.'],
    city: ['Stadt'],
    district: ['Stadtteil', 'Optional: der Stadtteil oder das Quartier.'],
    leadOrganisation: ['Federführende Organisation'],
    partners: ['Partnerorganisationen'],
    startDate: ['Beginn'],
    endDate: ['Ende', 'Leer lassen, solange das Projekt läuft.'],
    ongoing: ['Läuft noch'],
    projectStatus: ['Projektstatus', '„laufend“ oder „abgeschlossen“.'],
    targetGroups: ['Zielgruppen'],
    funding: ['Finanzierung', 'Förderprogramme und Mittel, z. B. „Städtebauförderung und Eigenmittel“.'],
    budgetRange: ['Budgetrahmen'],
    outcomes: ['Ergebnisse', 'Was das Projekt erreicht hat, in Markdown.'],
    transferability: ['Übertragbarkeit', 'Was andere Städte übernehmen können, in Markdown.'],
    contacts: ['Ansprechpersonen', 'Werden mit dem Projekt veröffentlicht.'],
    website: ['Website', 'Eine Adresse mit http:// oder https://.'],
    images: ['Bilder'],
    documents: ['Dokumente', 'Dateien zum Herunterladen (z. B. PDF).'],
    relatedProjects: ['Verwandte Projekte'],
    source: [
      'Herkunft',
      '„redaktionell“ (von der Redaktion angelegt) oder „eingereicht“ (aus dem Einreichungsformular).',
    ],
    submittedBy: [
      'Eingereicht von (Mitglieds-ID)',
      'Intern: die Forums-ID des einreichenden Mitglieds; nie öffentlich.',
    ],
    demo: ['Demo-Inhalt', 'Markiert erfundene Beispiele der Vorführung.'],
  },
  'api::workshop.workshop': {
    title: ['Titel'],
    slug: ['Kurzname in Adressen'],
    number: ['Nummer in der Reihe'],
    guidingQuestion: ['Leitfrage'],
    startsAt: ['Beginn', 'Datum und Uhrzeit in deutscher Zeit (Europe/Berlin); so wie im Programm.'],
    endsAt: ['Ende', 'Datum und Uhrzeit in deutscher Zeit (Europe/Berlin).'],
    venue: ['Veranstaltungsort'],
    programme: ['Programm', 'Die Programmpunkte in ihrer Reihenfolge.'],
    registration: [
      'Anmeldung',
      'Nach der Anmeldefrist oder nach dem Workshop zeigt die Website die Anmeldung als geschlossen.',
    ],
    documentation: ['Dokumentation', 'Text der Dokumentation nach dem Workshop, in Markdown.'],
    documentationFiles: [
      'Dateien der Dokumentation',
      'Protokolle und Präsentationen (z. B. PDF) aus der Medienbibliothek.',
    ],
    relatedProjects: ['Verwandte Projekte'],
    actionFields: ['Handlungsfelder'],
  },
  'api::city.city': {
    name: ['Name'],
    slug: ['Kurzname in Adressen'],
    federalState: ['Bundesland'],
    population: ['Einwohnerzahl'],
    latitude: ['Breitengrad', 'Für die Karte, z. B. 51.34.'],
    longitude: ['Längengrad', 'Für die Karte, z. B. 12.375.'],
    projects: ['Projekte'],
    organisations: ['Organisationen'],
  },
  'api::action-field.action-field': {
    name: ['Name'],
    slug: ['Kurzname in Adressen'],
    description: ['Beschreibung'],
    projects: ['Projekte'],
    workshops: ['Workshops'],
  },
  'api::organisation.organisation': {
    name: ['Name'],
    slug: ['Kurzname in Adressen'],
    kind: ['Art der Organisation'],
    city: ['Stadt'],
    website: ['Website', 'Eine Adresse mit http:// oder https://.'],
    ledProjects: ['Federführend bei'],
    partnerProjects: ['Partner bei'],
  },
  'api::legal-notice.legal-notice': TITLE_INTRO_SECTIONS,
  'api::privacy-policy.privacy-policy': TITLE_INTRO_SECTIONS,
  'api::accessibility-statement.accessibility-statement': TITLE_INTRO_SECTIONS,
  'api::easy-language.easy-language': {
    ...TITLE_INTRO_SECTIONS,
    sections: ['Abschnitte', 'Kurze Sätze. Ein Satz pro Zeile. Ein Gedanke pro Satz.'],
  },
  'api::open-data.open-data': {
    licenceName: [
      'Lizenz',
      'Name der Lizenz der offenen Daten, z. B. „Datenlizenz Deutschland – Namensnennung – 2.0“.',
    ],
    licenceId: [
      'Lizenz-Kennung',
      'Kennung aus dem DCAT-AP.de-Lizenzvokabular, z. B. „dl-by-de/2.0“ oder „cc-by/4.0“.',
    ],
    licenceUrl: ['Lizenztext (Adresse)', 'Wo der Lizenztext steht (https://…).'],
    attribution: ['Namensnennung', 'Wie Nachnutzende die Quelle nennen sollen.'],
    publisherName: ['Herausgeber', 'Wer die Daten bereitstellt (DCAT-AP.de: dct:publisher).'],
    publisherUrl: ['Website des Herausgebers'],
    contactEmail: ['Kontakt für Datenfragen', 'Eine Funktionsadresse der Redaktion, keine persönliche.'],
    contributorId: [
      'GovData-Datenbereitsteller-ID',
      'Optional: die contributorID aus dem GovData-Verzeichnis (http://dcat-ap.de/def/contributors/…), sobald vergeben.',
    ],
  },
  'api::accessibility-feedback.accessibility-feedback': {
    reference: ['Zeichen', 'Das Zeichen, das die absendende Person nach dem Absenden gesehen hat.'],
    message: ['Nachricht', 'Was nicht barrierefrei ist – so wie es geschickt wurde.'],
    pageUrl: ['Seite', 'Auf welcher Seite die Barriere ist.'],
    name: ['Name', 'Freiwillige Angabe.'],
    email: ['E-Mail-Adresse', 'Freiwillige Angabe: wohin eine Antwort gehen kann.'],
    feedbackStatus: ['Bearbeitungsstand', 'neu → in Bearbeitung → beantwortet → erledigt.'],
    editorNote: ['Notiz der Redaktion', 'Intern: was getan oder geantwortet wurde.'],
  },
};

export const COMPONENT_LABELS: Record<string, FieldLabels> = {
  'project.contact-person': {
    name: ['Name'],
    role: ['Funktion'],
    organisation: ['Organisation'],
    phone: ['Telefon'],
    email: ['E-Mail-Adresse'],
    address: ['Anschrift'],
  },
  'project.target-group': { group: ['Zielgruppe'] },
  'workshop.programme-item': {
    time: ['Uhrzeit', 'Deutsche Zeit, z. B. 10:00.'],
    title: ['Programmpunkt'],
    speakers: ['Mitwirkende'],
  },
  'workshop.registration': {
    open: ['Anmeldung offen', 'Aus: keine Anmeldung über die Plattform.'],
    cancelled: [
      'Workshop abgesagt',
      'An: alle Angemeldeten und die Warteliste bekommen die Absage (mit Absage für den Kalender); Anmeldung geschlossen.',
    ],
    opensAt: [
      'Anmeldung ab',
      'Optional: Datum und Uhrzeit in deutscher Zeit, ab der man sich anmelden kann.',
    ],
    capacity: [
      'Plätze',
      'Leer lassen für unbegrenzt. Weniger Plätze als Bestätigte: alle bleiben bestätigt, es rückt niemand nach.',
    ],
    deadline: ['Anmeldefrist', 'Datum und Uhrzeit in deutscher Zeit; danach ist die Anmeldung geschlossen.'],
    waitlist: [
      'Warteliste',
      'Wenn alle Plätze vergeben sind: weitere Anmeldungen auf die Warteliste setzen.',
    ],
    approvalRequired: [
      'Freigabe durch die Redaktion',
      'An: jede Anmeldung wartet, bis die Redaktion sie in der Seitenleiste „Anmeldungen“ bestätigt.',
    ],
    questions: ['Fragen bei der Anmeldung', 'z. B. Organisation, Barrierefreiheit, Verpflegung.'],
    url: [
      'Adresse der Anmeldung',
      'Optional: ein Anmeldeformular außerhalb der Plattform (http:// oder https://).',
    ],
  },
  'workshop.registration-question': {
    key: [
      'Schlüssel',
      'Kleinbuchstaben, Ziffern, Bindestriche, z. B. „barrierefreiheit“; nicht mehr ändern.',
    ],
    label: ['Frage (deutsch)'],
    labelEn: ['Frage (englisch)'],
    required: ['Pflichtfrage'],
  },
  'workshop.venue': { name: ['Name des Ortes'], address: ['Anschrift'], city: ['Stadt'] },
  'page.section': {
    heading: ['Zwischenüberschrift'],
    body: ['Text', 'Reiner Text; Absätze durch eine leere Zeile trennen.'],
  },
};
