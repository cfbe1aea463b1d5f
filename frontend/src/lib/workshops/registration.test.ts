import { describe, expect, it } from 'vitest';
import { fileFacts, registrationState } from './registration';

describe('registrationState', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  it('is closed for a past workshop even when "open" is still ticked', () => {
    expect(
      registrationState(
        { startsAt: '2026-06-18T08:00:00Z', registration: { open: true, deadline: '2026-06-04T21:59:00Z' } },
        now,
      ),
    ).toEqual({ open: false });
  });
  it('is closed after the deadline, before the day', () => {
    expect(
      registrationState(
        { startsAt: '2027-01-12T09:00:00Z', registration: { open: true, deadline: '2026-11-30T22:59:00Z' } },
        now,
      ),
    ).toEqual({ open: false });
  });
  it('is open until the deadline of an upcoming workshop, and closed when not ticked', () => {
    const upcoming = {
      startsAt: '2027-01-12T09:00:00Z',
      registration: { open: true, deadline: '2026-12-29T22:59:00Z' },
    };
    expect(registrationState(upcoming, now)).toEqual({ open: true, until: '2026-12-29T22:59:00Z' });
    expect(
      registrationState({ ...upcoming, registration: { ...upcoming.registration, open: false } }, now),
    ).toEqual({
      open: false,
    });
    expect(registrationState({ startsAt: '2027-01-12T09:00:00Z', registration: null }, now)).toEqual({
      open: false,
    });
  });
});

describe('fileFacts', () => {
  it('names type and size', () => {
    expect(fileFacts({ ext: '.pdf', size: 1.64 }, 'de')).toBe('PDF, 1,6 kB');
    expect(fileFacts({ ext: '.pdf', size: 1.64 }, 'en')).toBe('PDF, 1.6 kB');
    expect(fileFacts({ ext: '.docx', size: 245.3 }, 'de')).toBe('DOCX, 245 kB');
    expect(fileFacts({ ext: '.pdf', size: 2480 }, 'de')).toBe('PDF, 2,5 MB');
  });
});
