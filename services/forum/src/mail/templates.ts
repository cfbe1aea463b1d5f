/**
 * Every mail the forum sends, in German and English, as plain text and HTML — the one place mail wording
 * lives. Handlebars escapes everything a member wrote in the HTML part; the plain-text part is compiled
 * without escaping. The layout gives each mail a real heading, link texts that say where they lead, the
 * language in `lang`, and a footer naming why the mail came and how to stop it.
 */
import Handlebars from 'handlebars';

export type MailLocale = 'de' | 'en';

/** One entry of a notification mail or digest: a thread, a project, a workshop. */
export interface MailItem {
  title: string;
  url: string;
  /** What happened, one line each ("Anna: Wir haben gute Erfahrungen …"). */
  lines: string[];
  /** How many events the item stands for ("3 neue Beiträge"). */
  count?: number;
}

export interface TemplateData {
  VERIFY_EMAIL: { name: string; url: string };
  ACCOUNT_EXISTS: { name: string; signInUrl: string; resetUrl: string };
  PASSWORD_RESET: { name: string; url: string };
  CHANGE_EMAIL: { name: string; url: string; newEmail: string };
  NOTIFICATION: { name: string; items: MailItem[]; settingsUrl: string };
  DIGEST: { name: string; items: MailItem[]; settingsUrl: string; period: 'DAILY' | 'WEEKLY' };
  WORKSHOP: {
    name: string;
    event: WorkshopMailEvent;
    title: string;
    /** Date and time as the member reads them (Europe/Berlin, their language). */
    when: string;
    where: string;
    url: string;
    /** Place on the waiting list (WAITLISTED). */
    position?: number;
  };
}

/** What happened to a member's workshop registration, as the mail tells it. */
export type WorkshopMailEvent =
  | 'CONFIRMED'
  | 'WAITLISTED'
  | 'MOVED_UP'
  | 'PENDING'
  | 'CANCELLED'
  | 'UPDATED'
  | 'REMINDER'
  | 'WORKSHOP_CANCELLED';
export type TemplateKind = keyof TemplateData;

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface Footer {
  /** Why this mail came. */
  reason: string;
  /** The one-click unsubscribe page for this kind of mail (notification mails and digests only). */
  unsubscribeUrl?: string;
}

interface Content {
  subject: string;
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  items?: MailItem[];
  after?: string[];
  reason: string;
}

type Wording = { [K in TemplateKind]: (data: TemplateData[K]) => Content };

const count = (locale: MailLocale, n: number, one: string, many: string) =>
  `${n.toLocaleString(locale === 'de' ? 'de-DE' : 'en-GB')} ${n === 1 ? one : many}`;

const WORDING: Record<MailLocale, Wording> = {
  de: {
    VERIFY_EMAIL: ({ name, url }) => ({
      subject: 'Bitte bestätigen Sie Ihre E-Mail-Adresse',
      heading: 'Willkommen im Stadtnetz Integration',
      paragraphs: [
        `Hallo ${name},`,
        'bitte bestätigen Sie Ihre E-Mail-Adresse. Erst danach können Sie Beiträge schreiben und Nachrichten senden; lesen und anmelden können Sie sich schon jetzt.',
      ],
      action: { label: 'E-Mail-Adresse bestätigen', url },
      after: [
        'Der Link gilt 48 Stunden. Wenn Sie sich nicht registriert haben, können Sie diese E-Mail ignorieren.',
      ],
      reason:
        'Sie erhalten diese E-Mail, weil mit Ihrer Adresse ein Konto im Stadtnetz Integration angelegt wurde.',
    }),
    ACCOUNT_EXISTS: ({ name, signInUrl, resetUrl }) => ({
      subject: 'Sie haben schon ein Konto',
      heading: 'Sie haben schon ein Konto',
      paragraphs: [
        `Hallo ${name},`,
        'gerade hat jemand versucht, mit Ihrer E-Mail-Adresse ein neues Konto anzulegen. Sie haben aber schon eines.',
      ],
      action: { label: 'Zur Anmeldung', url: signInUrl },
      after: [
        `Passwort vergessen? Setzen Sie es hier neu: ${resetUrl}`,
        'Wenn Sie das nicht waren, müssen Sie nichts tun.',
      ],
      reason: 'Sie erhalten diese E-Mail, weil Ihre Adresse bei einer Registrierung angegeben wurde.',
    }),
    PASSWORD_RESET: ({ name, url }) => ({
      subject: 'Ihr neues Passwort',
      heading: 'Passwort neu setzen',
      paragraphs: [`Hallo ${name},`, 'mit dem folgenden Link können Sie ein neues Passwort wählen.'],
      action: { label: 'Neues Passwort wählen', url },
      after: [
        'Der Link gilt eine Stunde und nur einmal. Danach werden Sie auf allen Geräten abgemeldet.',
        'Wenn Sie kein neues Passwort angefordert haben, können Sie diese E-Mail ignorieren.',
      ],
      reason: 'Sie erhalten diese E-Mail, weil für Ihr Konto ein neues Passwort angefordert wurde.',
    }),
    CHANGE_EMAIL: ({ name, url, newEmail }) => ({
      subject: 'Bitte bestätigen Sie Ihre neue E-Mail-Adresse',
      heading: 'Neue E-Mail-Adresse bestätigen',
      paragraphs: [
        `Hallo ${name},`,
        `Ihr Konto soll künftig die Adresse ${newEmail} verwenden. Bitte bestätigen Sie das.`,
      ],
      action: { label: 'Neue Adresse bestätigen', url },
      after: ['Bis Sie bestätigen, bleibt Ihre bisherige Adresse gültig. Der Link gilt 48 Stunden.'],
      reason:
        'Sie erhalten diese E-Mail, weil diese Adresse für ein Konto im Stadtnetz Integration angegeben wurde.',
    }),
    NOTIFICATION: ({ name, items, settingsUrl }) => ({
      subject:
        items.length === 1
          ? `Neu: ${items[0]!.title}`
          : `${count('de', items.length, 'Neuigkeit', 'Neuigkeiten')} für Sie`,
      heading: 'Neues im Stadtnetz Integration',
      paragraphs: [`Hallo ${name},`, 'das ist neu in dem, was Sie betrifft oder was Sie verfolgen:'],
      items,
      after: [`Wie oft Sie E-Mails bekommen, stellen Sie hier ein: ${settingsUrl}`],
      reason: 'Sie erhalten diese E-Mail, weil Sie Benachrichtigungen „sofort“ eingestellt haben.',
    }),
    DIGEST: ({ name, items, settingsUrl, period }) => ({
      subject: `Ihre ${period === 'DAILY' ? 'tägliche' : 'wöchentliche'} Zusammenfassung: ${count('de', items.length, 'Thema', 'Themen')}`,
      heading: period === 'DAILY' ? 'Was heute los war' : 'Was diese Woche los war',
      paragraphs: [
        `Hallo ${name},`,
        'seit Ihrem letzten Besuch ist in dem, was Sie verfolgen, das passiert:',
      ],
      items,
      after: [`Wie oft Sie E-Mails bekommen, stellen Sie hier ein: ${settingsUrl}`],
      reason: `Sie erhalten diese E-Mail, weil Sie die ${period === 'DAILY' ? 'tägliche' : 'wöchentliche'} Zusammenfassung eingestellt haben.`,
    }),
    WORKSHOP: ({ name, event, title, when, where, url, position }) => {
      const facts = [`Termin: ${when}`, ...(where ? [`Ort: ${where}`] : [])];
      const texts: Record<WorkshopMailEvent, { subject: string; heading: string; lines: string[] }> = {
        CONFIRMED: {
          subject: `Anmeldung bestätigt: ${title}`,
          heading: 'Ihre Anmeldung ist bestätigt',
          lines: ['Sie haben einen Platz. Die Einladung im Anhang trägt den Termin in Ihren Kalender ein.'],
        },
        MOVED_UP: {
          subject: `Sie sind nachgerückt: ${title}`,
          heading: 'Ein Platz ist frei geworden – er gehört Ihnen',
          lines: ['Sie standen auf der Warteliste und haben jetzt einen Platz. Die Einladung ist im Anhang.'],
        },
        WAITLISTED: {
          subject: `Warteliste: ${title}`,
          heading: 'Sie stehen auf der Warteliste',
          lines: [
            `Alle Plätze sind vergeben. Sie stehen an Stelle ${position ?? '?'} der Warteliste und rücken automatisch nach, sobald ein Platz frei wird; dann bekommen Sie eine E-Mail mit der Einladung.`,
          ],
        },
        PENDING: {
          subject: `Anmeldung eingegangen: ${title}`,
          heading: 'Ihre Anmeldung ist eingegangen',
          lines: ['Die Redaktion bestätigt die Anmeldungen zu diesem Workshop einzeln; Sie hören von uns.'],
        },
        CANCELLED: {
          subject: `Anmeldung storniert: ${title}`,
          heading: 'Ihre Anmeldung ist storniert',
          lines: ['Ihr Platz ist freigegeben. Die Absage im Anhang nimmt den Termin aus Ihrem Kalender.'],
        },
        UPDATED: {
          subject: `Geändert: ${title}`,
          heading: 'Der Workshop hat sich geändert',
          lines: [
            'Termin oder Ort haben sich geändert. Die Einladung im Anhang aktualisiert Ihren Kalender.',
          ],
        },
        REMINDER: {
          subject: `Morgen: ${title}`,
          heading: 'Bis morgen!',
          lines: ['Eine Erinnerung an Ihren Workshop.'],
        },
        WORKSHOP_CANCELLED: {
          subject: `Abgesagt: ${title}`,
          heading: 'Der Workshop ist abgesagt',
          lines: [
            'Die Redaktion hat den Workshop abgesagt. Die Absage im Anhang nimmt den Termin aus Ihrem Kalender.',
          ],
        },
      };
      const text = texts[event];
      return {
        subject: text.subject,
        heading: text.heading,
        paragraphs: [`Hallo ${name},`, ...text.lines, title, ...facts],
        action: { label: 'Zur Seite des Workshops', url },
        reason: 'Sie erhalten diese E-Mail, weil Sie sich zu diesem Workshop angemeldet haben.',
      };
    },
  },
  en: {
    VERIFY_EMAIL: ({ name, url }) => ({
      subject: 'Please confirm your e-mail address',
      heading: 'Welcome to Stadtnetz Integration',
      paragraphs: [
        `Hello ${name},`,
        'please confirm your e-mail address. Until then you can read and sign in, but not write posts or messages.',
      ],
      action: { label: 'Confirm e-mail address', url },
      after: ['The link is valid for 48 hours. If you did not register, you can ignore this e-mail.'],
      reason:
        'You receive this e-mail because an account of Stadtnetz Integration was created with your address.',
    }),
    ACCOUNT_EXISTS: ({ name, signInUrl, resetUrl }) => ({
      subject: 'You already have an account',
      heading: 'You already have an account',
      paragraphs: [
        `Hello ${name},`,
        'someone just tried to create a new account with your e-mail address. You already have one.',
      ],
      action: { label: 'Sign in', url: signInUrl },
      after: [
        `Forgot your password? Choose a new one here: ${resetUrl}`,
        'If this was not you, there is nothing to do.',
      ],
      reason: 'You receive this e-mail because your address was given in a registration.',
    }),
    PASSWORD_RESET: ({ name, url }) => ({
      subject: 'Your new password',
      heading: 'Choose a new password',
      paragraphs: [`Hello ${name},`, 'use the following link to choose a new password.'],
      action: { label: 'Choose a new password', url },
      after: [
        'The link is valid for one hour and works once. Afterwards you are signed out on every device.',
        'If you did not ask for a new password, you can ignore this e-mail.',
      ],
      reason: 'You receive this e-mail because a new password was requested for your account.',
    }),
    CHANGE_EMAIL: ({ name, url, newEmail }) => ({
      subject: 'Please confirm your new e-mail address',
      heading: 'Confirm your new e-mail address',
      paragraphs: [
        `Hello ${name},`,
        `your account is to use the address ${newEmail} from now on. Please confirm this.`,
      ],
      action: { label: 'Confirm new address', url },
      after: ['Until you confirm, your previous address stays in use. The link is valid for 48 hours.'],
      reason:
        'You receive this e-mail because this address was given for an account of Stadtnetz Integration.',
    }),
    NOTIFICATION: ({ name, items, settingsUrl }) => ({
      subject:
        items.length === 1
          ? `New: ${items[0]!.title}`
          : `${count('en', items.length, 'update', 'updates')} for you`,
      heading: 'New on Stadtnetz Integration',
      paragraphs: [`Hello ${name},`, 'this is new in what concerns you or what you follow:'],
      items,
      after: [`Choose how often you get e-mails here: ${settingsUrl}`],
      reason: 'You receive this e-mail because you chose to be notified immediately.',
    }),
    DIGEST: ({ name, items, settingsUrl, period }) => ({
      subject: `Your ${period === 'DAILY' ? 'daily' : 'weekly'} summary: ${count('en', items.length, 'topic', 'topics')}`,
      heading: period === 'DAILY' ? 'What happened today' : 'What happened this week',
      paragraphs: [`Hello ${name},`, 'since your last visit, this happened in what you follow:'],
      items,
      after: [`Choose how often you get e-mails here: ${settingsUrl}`],
      reason: `You receive this e-mail because you chose the ${period === 'DAILY' ? 'daily' : 'weekly'} summary.`,
    }),
    WORKSHOP: ({ name, event, title, when, where, url, position }) => {
      const facts = [`When: ${when}`, ...(where ? [`Where: ${where}`] : [])];
      const texts: Record<WorkshopMailEvent, { subject: string; heading: string; lines: string[] }> = {
        CONFIRMED: {
          subject: `Registration confirmed: ${title}`,
          heading: 'Your registration is confirmed',
          lines: ['You have a place. The attached invitation puts the date in your calendar.'],
        },
        MOVED_UP: {
          subject: `You moved up: ${title}`,
          heading: 'A place became free – it is yours',
          lines: ['You were on the waiting list and now have a place. The invitation is attached.'],
        },
        WAITLISTED: {
          subject: `Waiting list: ${title}`,
          heading: 'You are on the waiting list',
          lines: [
            `Every place is taken. You are number ${position ?? '?'} on the waiting list and move up automatically when a place becomes free; you will then get an e-mail with the invitation.`,
          ],
        },
        PENDING: {
          subject: `Registration received: ${title}`,
          heading: 'Your registration has arrived',
          lines: ['The editors confirm each registration for this workshop; you will hear from us.'],
        },
        CANCELLED: {
          subject: `Registration cancelled: ${title}`,
          heading: 'Your registration is cancelled',
          lines: ['Your place is released. The attached cancellation removes the date from your calendar.'],
        },
        UPDATED: {
          subject: `Changed: ${title}`,
          heading: 'The workshop has changed',
          lines: ['Its date or venue changed. The attached invitation updates your calendar.'],
        },
        REMINDER: {
          subject: `Tomorrow: ${title}`,
          heading: 'See you tomorrow!',
          lines: ['A reminder of your workshop.'],
        },
        WORKSHOP_CANCELLED: {
          subject: `Called off: ${title}`,
          heading: 'The workshop is called off',
          lines: [
            'The editors called the workshop off. The attached cancellation removes it from your calendar.',
          ],
        },
      };
      const text = texts[event];
      return {
        subject: text.subject,
        heading: text.heading,
        paragraphs: [`Hello ${name},`, ...text.lines, title, ...facts],
        action: { label: 'The workshop’s page', url },
        reason: 'You get this e-mail because you registered for this workshop.',
      };
    },
  },
};

const FOOTER_WORDS: Record<MailLocale, { unsubscribe: string; open: string; events: (n: number) => string }> =
  {
    de: {
      unsubscribe: 'Diese E-Mails abbestellen',
      open: 'Öffnen',
      events: (n) => count('de', n, 'neuer Eintrag', 'neue Einträge'),
    },
    en: {
      unsubscribe: 'Unsubscribe from these e-mails',
      open: 'Open',
      events: (n) => count('en', n, 'new entry', 'new entries'),
    },
  };

const html = Handlebars.create();
const HTML_LAYOUT = html.compile(`<!doctype html>
<html lang="{{locale}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{subject}}</title>
</head>
<body style="margin:0;padding:0;background:#f4f4f2;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">
<div role="article" aria-roledescription="email" aria-label="{{subject}}" lang="{{locale}}" style="max-width:600px;margin:0 auto;padding:24px;background:#ffffff">
<h1 style="font-size:24px;line-height:1.25;margin:0 0 16px">{{heading}}</h1>
{{#each paragraphs}}<p style="margin:0 0 12px">{{this}}</p>
{{/each}}
{{#if action}}<p style="margin:24px 0"><a href="{{action.url}}" style="display:inline-block;padding:12px 20px;background:#0b5394;color:#ffffff;text-decoration:underline;border-radius:4px">{{action.label}}</a></p>
<p style="margin:0 0 12px;font-size:14px;word-break:break-all">{{action.url}}</p>
{{/if}}
{{#if items}}<ul style="padding-left:20px;margin:16px 0">
{{#each items}}<li style="margin:0 0 16px"><h2 style="font-size:18px;margin:0 0 4px"><a href="{{url}}" style="color:#0b5394">{{title}}</a></h2>
{{#if countText}}<p style="margin:0 0 4px;font-size:14px;color:#444">{{countText}}</p>{{/if}}
{{#each lines}}<p style="margin:0 0 4px">{{this}}</p>
{{/each}}</li>
{{/each}}</ul>
{{/if}}
{{#each after}}<p style="margin:0 0 12px;font-size:14px">{{this}}</p>
{{/each}}
<hr style="border:none;border-top:1px solid #ccc;margin:24px 0">
<footer style="font-size:13px;color:#444">
<p style="margin:0 0 8px">{{reason}}</p>
{{#if unsubscribeUrl}}<p style="margin:0"><a href="{{unsubscribeUrl}}" style="color:#0b5394">{{unsubscribeLabel}}</a></p>{{/if}}
</footer>
</div>
</body>
</html>
`);

const text = Handlebars.create();
const TEXT_LAYOUT = text.compile(
  `{{heading}}
{{underline}}

{{#each paragraphs}}{{this}}

{{/each}}{{#if action}}{{action.label}}:
{{action.url}}

{{/if}}{{#each items}}* {{title}}{{#if countText}} ({{countText}}){{/if}}
{{#each lines}}  {{this}}
{{/each}}  {{../openLabel}}: {{url}}

{{/each}}{{#each after}}{{this}}

{{/each}}-- 
{{reason}}
{{#if unsubscribeUrl}}{{unsubscribeLabel}}: {{unsubscribeUrl}}
{{/if}}`,
  { noEscape: true },
);

export function renderMail<K extends TemplateKind>(
  kind: K,
  locale: MailLocale,
  data: TemplateData[K],
  footer: Partial<Footer> = {},
): RenderedMail {
  const content = (WORDING[locale][kind] as (data: TemplateData[K]) => Content)(data);
  const words = FOOTER_WORDS[locale];
  const view = {
    ...content,
    locale,
    underline: '='.repeat(content.heading.length),
    reason: footer.reason ?? content.reason,
    unsubscribeUrl: footer.unsubscribeUrl,
    unsubscribeLabel: words.unsubscribe,
    openLabel: words.open,
    items: content.items?.map((item) => ({
      ...item,
      countText: item.count && item.count > 1 ? words.events(item.count) : undefined,
    })),
  };
  return { subject: content.subject, text: TEXT_LAYOUT(view), html: HTML_LAYOUT(view) };
}
