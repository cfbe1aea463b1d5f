import { describe, expect, it } from 'vitest';
import { applyTranslations, translationVariables } from './translation';

describe('content in the visitor’s language', () => {
  it('folds translations into their entries at any depth and names the fields that stayed German', () => {
    const data = {
      project: {
        documentId: 'p1',
        title: 'Sprachkurse für Eltern',
        summary: 'Eltern lernen Deutsch.',
        translation: {
          title: 'Language classes for parents',
          summary: 'Eltern lernen Deutsch.',
          fallbackFields: ['summary'],
          fallbackLocale: 'de',
        },
        actionFields: [
          {
            name: 'Sprache und Bildung',
            translation: { name: 'Language and education', fallbackFields: [], fallbackLocale: 'de' },
          },
          null,
        ],
      },
    };
    expect(applyTranslations(data)).toEqual({
      project: {
        documentId: 'p1',
        title: 'Language classes for parents',
        summary: 'Eltern lernen Deutsch.',
        lang: { summary: 'de' },
        actionFields: [{ name: 'Language and education', lang: {} }, null],
      },
    });
  });

  it('leaves German data as it is, and asks for translations only for other languages', () => {
    const data = { projects: [{ title: 'Sprachkurse', city: { name: 'Leipzig' } }] };
    expect(applyTranslations(data)).toEqual(data);
    expect(translationVariables('de')).toEqual({ locale: 'de', translate: false });
    expect(translationVariables('en')).toEqual({ locale: 'en', translate: true });
  });
});
