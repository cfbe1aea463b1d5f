import { describe, expect, it } from 'vitest';
import { toFormError } from './errors';
import { translate } from './i18n';

describe('API errors as form messages', () => {
  it('puts validation problems beside their fields, in German', () => {
    const error = toFormError([
      {
        message: 'password: must be longer than or equal to 8 characters',
        extensions: {
          code: 'BAD_USER_INPUT',
          field: 'password',
          reason: 'must be longer than or equal to 8 characters',
          problems: [
            { field: 'password', reason: 'must be longer than or equal to 8 characters' },
            { field: 'email', reason: 'must be an email' },
          ],
        },
      },
    ]);
    expect(translate('de', error.message)).toBe('Bitte prüfen Sie Ihre Eingaben.');
    const password = error.fields['password']!;
    expect(translate('de', password.key, password.params)).toBe('Bitte geben Sie mindestens 8 Zeichen ein.');
    expect(translate('de', error.fields['email']!.key)).toBe(
      'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
    );
  });

  it('tells a taken e-mail address and wrong credentials apart', () => {
    const taken = toFormError([
      { message: 'email: exists', extensions: { code: 'BAD_USER_INPUT', field: 'email', reason: 'taken' } },
    ]);
    expect(taken.fields['email']!.key).toBe('error.field.taken');
    const wrong = toFormError([
      { message: 'x', extensions: { code: 'UNAUTHENTICATED', reason: 'credentials' } },
    ]);
    expect(translate('de', wrong.message)).toBe('E-Mail-Adresse oder Passwort ist falsch.');
  });

  it('maps the other codes to messages a person understands', () => {
    const message = (code: string, reason?: string) =>
      translate('de', toFormError([{ message: '', extensions: { code, reason } }]).message);
    expect(message('RATE_LIMITED')).toContain('Zu viele Versuche');
    expect(message('FORBIDDEN', 'THREAD_LOCKED')).toBe('Diese Diskussion ist geschlossen.');
    expect(message('UPSTREAM_UNAVAILABLE')).toContain('nicht erreichbar');
    expect(message('SOMETHING_NEW')).toContain('schiefgelaufen');
  });

  it('renames API fields to the form’s names', () => {
    const error = toFormError(
      [
        {
          message: '',
          extensions: { code: 'BAD_USER_INPUT', field: 'input.title', reason: 'should not be empty' },
        },
      ],
      { 'input.title': 'title' },
    );
    expect(error.fields['title']!.key).toBe('error.field.required');
  });
});
