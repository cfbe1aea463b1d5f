import { graphql } from '$lib/graphql';
import { calendar } from '$lib/ical';
import type { Api } from './api';

const WorkshopDates = graphql(`
  query WorkshopDates($filters: WorkshopFiltersInput) {
    workshops(filters: $filters, sort: ["startsAt:asc"], pagination: { pageSize: 100 }) {
      documentId
      title
      guidingQuestion
      startsAt
      endsAt
      updatedAt
      venue {
        name
        address
        city {
          name
        }
      }
    }
  }
`);

/** The series (or one workshop) as an iCalendar file. */
export async function workshopCalendar(api: Api, origin: string, documentId?: string) {
  const data = await api.load(WorkshopDates, {
    filters: documentId ? { documentId: { eq: documentId } } : undefined,
  });
  const workshops = data.workshops.filter((w) => w !== null && w.startsAt);
  const body = calendar(
    'Stadtnetz Integration – Workshops',
    workshops.map((w) => ({
      uid: w!.documentId,
      title: w!.title,
      description: w!.guidingQuestion,
      location: [w!.venue?.name, w!.venue?.address, w!.venue?.city?.name].filter(Boolean).join(', ') || null,
      url: `${origin}/workshops/${w!.documentId}`,
      startsAt: w!.startsAt!,
      endsAt: w!.endsAt,
      updatedAt: w!.updatedAt,
    })),
  );
  return { body, count: workshops.length };
}

export const icsHeaders = (filename: string) => ({
  'content-type': 'text/calendar; charset=utf-8',
  'content-disposition': `attachment; filename="${filename}"`,
  'cache-control': 'public, max-age=300',
});
