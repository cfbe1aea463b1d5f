import { PAGE_TYPES } from '../settings';

/**
 * The first text of each of the site's pages: an honest placeholder that says what is missing. The operator of
 * the platform must complete it in the admin before the site goes public (the bracketed parts name what to fill in).
 */
export interface PageText {
  title: string;
  intro: string;
  sections: { heading: string; body: string }[];
}

export const PLACEHOLDER_MARK = 'PLATZHALTER';

export const PAGE_TEXTS: Record<string, Partial<Record<'de' | 'en', PageText>>> = {
  [PAGE_TYPES.LegalNotice]: {
    de: {
      title: 'Impressum',
      intro:
        'PLATZHALTER – dieser Text muss vervollständigt werden. Angaben nach § 5 Digitale-Dienste-Gesetz (DDG): Die Redaktion oder der Betreiber der Plattform ergänzt die Angaben in eckigen Klammern im Strapi-Admin (Inhalte → Impressum), bevor die Plattform öffentlich betrieben wird.',
      sections: [
        {
          heading: 'Anbieter',
          body: '[Name der Organisation und Rechtsform]\n[Straße und Hausnummer]\n[Postleitzahl und Ort]\n\nVertreten durch: [vertretungsberechtigte Person oder Personen]',
        },
        {
          heading: 'Kontakt',
          body: 'E-Mail: [Adresse für schnelle elektronische Kontaktaufnahme]\nTelefon: [Telefonnummer]',
        },
        {
          heading: 'Register, Umsatzsteuer und Aufsicht',
          body: '[Registergericht und Registernummer, soweit eingetragen]\n[Umsatzsteuer-Identifikationsnummer nach § 27a UStG, soweit vorhanden]\n[Bei Behörden und Körperschaften des öffentlichen Rechts: die zuständige Aufsichtsbehörde]',
        },
        {
          heading: 'Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV',
          body: '[Name und Anschrift der verantwortlichen Person]',
        },
        {
          heading: 'Beiträge aus dem Netzwerk',
          body: 'Eingereichte Projekte werden von der Redaktion geprüft, bevor sie erscheinen. Beiträge im Forum geben die Meinung ihrer Verfasserinnen und Verfasser wieder.',
        },
      ],
    },
    en: {
      title: 'Legal notice',
      intro:
        'PLACEHOLDER – this text must be completed. Details under § 5 of the German Digital Services Act (DDG): the operator of the platform fills in the bracketed parts in the Strapi admin before the site goes public. The German version is authoritative.',
      sections: [
        {
          heading: 'Provider',
          body: '[Name and legal form of the organisation]\n[Street and number]\n[Postcode and town]\n\nRepresented by: [authorised representatives]',
        },
        { heading: 'Contact', body: 'E-mail: [address]\nTelephone: [number]' },
        {
          heading: 'Responsible for the content (§ 18 (2) MStV)',
          body: '[Name and address of the responsible person]',
        },
      ],
    },
  },
  [PAGE_TYPES.PrivacyPolicy]: {
    de: {
      title: 'Datenschutzerklärung',
      intro:
        'PLATZHALTER – dieser Text muss vervollständigt und rechtlich geprüft werden. Er beschreibt, was die Plattform in ihrer Grundform verarbeitet; der Betreiber ergänzt die Angaben in eckigen Klammern (Informationen nach Art. 13 DSGVO).',
      sections: [
        {
          heading: 'Verantwortlicher',
          body: '[Name und Anschrift des Verantwortlichen, wie im Impressum]\nKontakt: [E-Mail-Adresse]',
        },
        {
          heading: 'Datenschutzbeauftragte oder Datenschutzbeauftragter',
          body: '[Name und Kontaktdaten, sofern benannt]',
        },
        {
          heading: 'Was beim Besuch der Website verarbeitet wird',
          body: 'Beim Aufruf einer Seite verarbeitet der Server die IP-Adresse des Geräts, um die Seite auszuliefern und die Plattform vor Überlastung zu schützen (Begrenzung der Anfragen). Rechtsgrundlage: Art. 6 Abs. 1 lit. e bzw. f DSGVO. [Speicherdauer der Server-Protokolle ergänzen.]\n\nDie Website setzt zwei Cookies: „stadtnetz_lang“ (gewählte Sprache) und, nach der Anmeldung, „stadtnetz_session“ (Anmeldung im Netzwerk). Es gibt keine Analyse- oder Werbe-Cookies, keine Einbindung fremder Dienste, keine fremden Schriften und keine externen Karten.',
        },
        {
          heading: 'Mitgliedschaft im Netzwerk und Forum',
          body: 'Wer sich registriert, gibt E-Mail-Adresse, Passwort (nur als Hash gespeichert), Namen und freiwillige Profilangaben an. Beiträge, Nachrichten und Reaktionen werden gespeichert, damit das Netzwerk funktioniert. Die E-Mail-Adresse ist nie öffentlich. Rechtsgrundlage: Art. 6 Abs. 1 lit. b DSGVO. [Speicherdauer und Löschung nach Kündigung ergänzen.]',
        },
        {
          heading: 'Anmeldungen zu Workshops',
          body: 'Wer sich zu einem Workshop anmeldet, gibt die Antworten auf die Fragen der Anmeldung (z. B. Organisation, Bedarf an Barrierefreiheit, Verpflegung) an; die Redaktion sieht sie zusammen mit Namen, E-Mail-Adresse und Organisation aus dem Profil, um den Workshop zu organisieren. Rechtsgrundlage: Art. 6 Abs. 1 lit. b DSGVO, für Angaben zur Gesundheit (z. B. Barrierefreiheit) Ihre Einwilligung nach Art. 9 Abs. 2 lit. a DSGVO. 90 Tage nach dem Workshop werden die Anmeldungen anonymisiert: Namen, Verbindung zum Mitgliedskonto und Antworten werden gelöscht, nur die Zahl der Anmeldungen bleibt. [Frist anpassen, falls FORUM_REGISTRATION_RETENTION_DAYS geändert wird.]',
        },
        {
          heading: 'Eingereichte Projekte und Rückmeldungen',
          body: 'Eingereichte Projekte mit ihren Kontaktpersonen prüft die Redaktion, bevor sie veröffentlicht werden. Rückmeldungen zur Barrierefreiheit sieht nur die Redaktion. [Rechtsgrundlage und Speicherdauer ergänzen.]',
        },
        {
          heading: 'Ihre Rechte',
          body: 'Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung, Widerspruch und Datenübertragbarkeit (Art. 15 bis 21 DSGVO) sowie das Recht, sich bei einer Datenschutz-Aufsichtsbehörde zu beschweren (Art. 77 DSGVO). Zuständig ist: [zuständige Aufsichtsbehörde].',
        },
      ],
    },
    en: {
      title: 'Privacy policy',
      intro:
        'PLACEHOLDER – this text must be completed and legally reviewed (information under Art. 13 GDPR). The German version is authoritative.',
      sections: [
        { heading: 'Controller', body: '[Name and address of the controller]\nContact: [e-mail address]' },
        {
          heading: 'What is processed',
          body: 'The server processes your IP address to deliver pages and to limit requests. The site sets two cookies: "stadtnetz_lang" (language) and, once you sign in, "stadtnetz_session". No analytics, no advertising, no third-party services.',
        },
        {
          heading: 'Workshop registrations',
          body: 'When you register for a workshop, the editors see your answers to its questions together with the name, e-mail address and organisation of your profile, to organise the workshop. 90 days after the workshop, registrations are anonymised: names, the link to your account and the answers are deleted; only the number of registrations remains.',
        },
        {
          heading: 'Your rights',
          body: 'Access, rectification, erasure, restriction, objection and portability (Art. 15–21 GDPR), and the right to lodge a complaint with a supervisory authority: [authority].',
        },
      ],
    },
  },
  [PAGE_TYPES.AccessibilityStatement]: {
    de: {
      title: 'Erklärung zur Barrierefreiheit',
      intro:
        'PLATZHALTER – diese Erklärung muss nach einer Prüfung der Website vervollständigt werden (BITV 2.0 § 7, Durchführungsbeschluss (EU) 2018/1523). Der Betreiber ist bemüht, die Website im Einklang mit der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) barrierefrei zugänglich zu machen.',
      sections: [
        {
          heading: 'Stand der Vereinbarkeit mit den Anforderungen',
          body: 'Die Website wurde bisher nur mit automatischen Werkzeugen (axe-core, WCAG 2.1 A und AA) und von den Entwicklern geprüft. Eine vollständige Prüfung nach BITV 2.0 steht aus. Bis dahin gilt die Website als [teilweise vereinbar] mit den Anforderungen.',
        },
        {
          heading: 'Nicht barrierefreie Inhalte',
          body: '[Nach der Prüfung ergänzen: welche Inhalte nicht barrierefrei sind und warum.]\n\nDokumente zum Herunterladen (PDF) der Workshops sind möglicherweise nicht vollständig barrierefrei.',
        },
        {
          heading: 'Erstellung dieser Erklärung',
          body: 'Diese Erklärung wurde am [Datum] erstellt und zuletzt am [Datum] überprüft. Methode: [Selbstbewertung oder Prüfung durch Dritte].',
        },
        {
          heading: 'Barrieren melden: Feedback und Kontakt',
          body: 'Ist Ihnen eine Barriere aufgefallen? Schreiben Sie uns mit dem Formular auf dieser Seite. Ihre Nachricht erreicht die Redaktion. Sie können uns auch so erreichen: [E-Mail-Adresse und Telefonnummer der Kontaktstelle].',
        },
        {
          heading: 'Schlichtungsverfahren',
          body: 'Wenn Sie auf Ihre Meldung keine zufriedenstellende Antwort erhalten, können Sie ein Schlichtungsverfahren einleiten: [zuständige Schlichtungsstelle, z. B. die Schlichtungsstelle nach § 16 BGG beim Beauftragten der Bundesregierung für die Belange von Menschen mit Behinderungen, oder die Stelle des Landes, mit Anschrift und Internetadresse].',
        },
      ],
    },
    en: {
      title: 'Accessibility statement',
      intro:
        'PLACEHOLDER – this statement must be completed after the site has been tested (BITV 2.0 § 7). The German version is authoritative.',
      sections: [
        {
          heading: 'Compliance status',
          body: 'So far the site has been tested with automated tools (axe-core, WCAG 2.1 A and AA) only. A full BITV 2.0 test is pending: [partially compliant].',
        },
        {
          heading: 'Feedback and contact',
          body: 'Found a barrier? Tell us with the form on this page; your message reaches the editors. [Contact address]',
        },
        { heading: 'Enforcement procedure', body: '[Conciliation body, address and website]' },
      ],
    },
  },
  [PAGE_TYPES.EasyLanguage]: {
    de: {
      title: 'Leichte Sprache',
      intro:
        'PLATZHALTER: Dieser Text ist ein Entwurf. Prüferinnen und Prüfer für Leichte Sprache müssen ihn noch lesen. Dann wird er fertig gemacht.',
      sections: [
        {
          heading: 'Was ist Stadtnetz Integration?',
          body: 'Das ist eine Internet-Seite.\nViele Städte in Deutschland machen hier mit.\nDie Städte wollen Menschen helfen.\nDie Menschen sind neu in Deutschland.\nDie Städte lernen voneinander.',
        },
        {
          heading: 'Projekte',
          body: 'Auf der Seite gibt es Projekte.\nEin Projekt ist eine gute Idee aus einer Stadt.\nZum Beispiel: ein Sprach-Kurs.\nOder: ein Treff-Punkt im Stadt-Teil.\nSie können die Projekte lesen.',
        },
        {
          heading: 'Forum',
          body: 'Es gibt ein Forum.\nIm Forum schreiben Menschen miteinander.\nSie stellen Fragen.\nSie geben Tipps.\nZum Schreiben müssen Sie sich anmelden.',
        },
        {
          heading: 'Workshops',
          body: 'Es gibt Workshops.\nEin Workshop ist ein Treffen.\nMenschen aus vielen Städten kommen zusammen.\nSie reden über ein Thema.',
        },
        {
          heading: 'Hilfe',
          body: 'Etwas auf der Seite geht nicht?\nDann schreiben Sie uns.\nDas Formular ist auf der Seite „Barrierefreiheit“.',
        },
      ],
    },
  },
};
