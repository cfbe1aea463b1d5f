import { describe, expect, it } from 'vitest';
import { calendar } from './ical';

describe('calendar (iCal export)', () => {
  const ics = calendar('Werkstattreihe', [
    {
      uid: 'w1',
      title: 'Werkstatt 1: Wohnen, Quartier; Nachbarschaft',
      description: 'Leitfrage:\nWie gelingt Ankommen?',
      location: 'Rathaus, Leipzig',
      startsAt: '2026-03-05T09:00:00.000Z',
      endsAt: '2026-03-05T16:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    },
    { uid: 'w2', title: 'Werkstatt 2', startsAt: '2026-06-01T08:00:00.000Z' },
  ]);

  it('has one event per workshop with UTC times a calendar app reads', () => {
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(ics).toContain('DTSTART:20260305T090000Z\r\nDTEND:20260305T160000Z');
    // Without an end, two hours are assumed.
    expect(ics).toContain('DTSTART:20260601T080000Z\r\nDTEND:20260601T100000Z');
    expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
  });

  it('escapes commas, semicolons and newlines and folds long lines', () => {
    expect(ics).toContain('SUMMARY:Werkstatt 1: Wohnen\\, Quartier\\; Nachbarschaft');
    expect(ics).toContain('DESCRIPTION:Leitfrage:\\nWie gelingt Ankommen?');
    const long = calendar('x', [{ uid: 'l', title: 'Ä'.repeat(100), startsAt: '2026-01-01T00:00:00Z' }]);
    for (const line of long.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(long).toContain('\r\n Ä');
  });
});
