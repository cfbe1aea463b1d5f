// The site's own pages (Impressum, Datenschutz, Barrierefreiheit, Leichte Sprache): single types that editors
// write in the CMS. Each is asked for in the visitor's language, with the German text as the fallback.
import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import type { Locale } from '$lib/i18n';
import type { Api } from './api';

const LegalNotice = graphql(`
  query LegalNoticePage($locale: I18NLocaleCode) {
    page: legalNotice(locale: $locale) {
      title
      intro
      updatedAt
      locale
      sections {
        id
        heading
        body
      }
    }
    fallback: legalNotice(locale: "de") {
      title
      intro
      updatedAt
      locale
      sections {
        id
        heading
        body
      }
    }
  }
`);
const PrivacyPolicy = graphql(`
  query PrivacyPolicyPage($locale: I18NLocaleCode) {
    page: privacyPolicy(locale: $locale) {
      title
      intro
      updatedAt
      locale
      sections {
        id
        heading
        body
      }
    }
    fallback: privacyPolicy(locale: "de") {
      title
      intro
      updatedAt
      locale
      sections {
        id
        heading
        body
      }
    }
  }
`);
const AccessibilityStatement = graphql(`
  query AccessibilityStatementPage($locale: I18NLocaleCode) {
    page: accessibilityStatement(locale: $locale) {
      title
      intro
      updatedAt
      locale
      sections {
        id
        heading
        body
      }
    }
    fallback: accessibilityStatement(locale: "de") {
      title
      intro
      updatedAt
      locale
      sections {
        id
        heading
        body
      }
    }
  }
`);
const EasyLanguage = graphql(`
  query EasyLanguagePage($locale: I18NLocaleCode) {
    page: easyLanguage(locale: $locale) {
      title
      intro
      updatedAt
      locale
      sections {
        id
        heading
        body
      }
    }
    fallback: easyLanguage(locale: "de") {
      title
      intro
      updatedAt
      locale
      sections {
        id
        heading
        body
      }
    }
  }
`);

const DOCUMENTS = {
  impressum: LegalNotice,
  datenschutz: PrivacyPolicy,
  barrierefreiheit: AccessibilityStatement,
  'leichte-sprache': EasyLanguage,
} as const;
export type SitePageName = keyof typeof DOCUMENTS;

export interface SitePageContent {
  title: string;
  intro: string | null;
  updatedAt: string | null;
  /** The language of the text (German when there is none in the visitor's). */
  locale: string;
  sections: { id: string; heading: string; body: string | null }[];
}

export async function loadSitePage(api: Api, name: SitePageName, locale: Locale): Promise<SitePageContent> {
  const data = (await api.load(DOCUMENTS[name], { locale })) as {
    page:
      | (Omit<SitePageContent, 'sections'> & {
          sections: (SitePageContent['sections'][number] | null)[] | null;
        })
      | null;
    fallback:
      | (Omit<SitePageContent, 'sections'> & {
          sections: (SitePageContent['sections'][number] | null)[] | null;
        })
      | null;
  };
  const page = data.page ?? data.fallback;
  if (!page) error(404, { message: 'error.notFound' });
  return {
    title: page.title,
    intro: page.intro ?? null,
    updatedAt: page.updatedAt ?? null,
    locale: page.locale ?? 'de',
    sections: (page.sections ?? []).filter((section) => section !== null),
  };
}
