// What search engines and chat apps read of a page: schema.org JSON-LD (a workshop is an `Event`, a project a
// `Project`) and Open Graph. Built from what the page shows, nothing more.

/** JSON for a `<script type="application/ld+json">`: `<` escaped so no text can close the script element. */
export function jsonLdScript(value: unknown): string {
  const json = JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `<script type="application/ld+json">${json}</script>`;
}

interface CityLike {
  name: string;
  federalState?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

function place(name: string, address: string | null | undefined, city: CityLike | null | undefined) {
  return {
    '@type': 'Place',
    name,
    address: {
      '@type': 'PostalAddress',
      ...(address ? { streetAddress: address } : {}),
      ...(city ? { addressLocality: city.name } : {}),
      addressCountry: 'DE',
    },
    ...(city && typeof city.latitude === 'number' && typeof city.longitude === 'number'
      ? { geo: { '@type': 'GeoCoordinates', latitude: city.latitude, longitude: city.longitude } }
      : {}),
  };
}

const organizer = (origin: string) => ({
  '@type': 'Organization',
  name: 'Stadtnetz Integration',
  url: origin,
});

export interface WorkshopLike {
  documentId: string;
  title: string;
  guidingQuestion?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  venue?: { name: string; address?: string | null; city?: CityLike | null } | null;
  registration?: { url?: string | null; deadline?: string | null; capacity?: number | null } | null;
}

/**
 * A workshop as a schema.org Event. The CMS has no "cancelled" or "moved" state, so every published workshop is
 * `EventScheduled`; the offer is the registration (free), its page the external one or the workshop page.
 */
export function workshopEvent(
  workshop: WorkshopLike,
  url: string,
  origin: string,
  registrationOpen: boolean,
) {
  const venue = workshop.venue;
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: workshop.title,
    ...(workshop.guidingQuestion ? { description: workshop.guidingQuestion } : {}),
    url,
    ...(workshop.startsAt ? { startDate: workshop.startsAt } : {}),
    ...(workshop.endsAt ? { endDate: workshop.endsAt } : {}),
    eventStatus: 'https://schema.org/EventScheduled',
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    ...(venue ? { location: place(venue.name, venue.address, venue.city) } : {}),
    organizer: organizer(origin),
    inLanguage: 'de',
    offers: {
      '@type': 'Offer',
      url: workshop.registration?.url || url,
      price: 0,
      priceCurrency: 'EUR',
      availability: registrationOpen ? 'https://schema.org/InStock' : 'https://schema.org/SoldOut',
      ...(workshop.registration?.deadline ? { validThrough: workshop.registration.deadline } : {}),
    },
  };
}

export interface ProjectLike {
  documentId: string;
  title: string;
  summary: string;
  startDate?: string | null;
  endDate?: string | null;
  website?: string | null;
  city?: CityLike | null;
  actionFields: ({ name: string } | null)[];
  leadOrganisation?: { name: string; website?: string | null } | null;
}

/** A good-practice project as a schema.org Project (an organised undertaking, in its city). */
export function projectJsonLd(project: ProjectLike, url: string, origin: string) {
  const keywords = project.actionFields.flatMap((field) => (field ? [field.name] : []));
  return {
    '@context': 'https://schema.org',
    '@type': 'Project',
    name: project.title,
    description: project.summary,
    url,
    ...(project.website ? { sameAs: project.website } : {}),
    ...(project.startDate ? { foundingDate: project.startDate } : {}),
    ...(project.endDate ? { dissolutionDate: project.endDate } : {}),
    ...(project.city
      ? { location: place(project.city.name, null, project.city), areaServed: project.city.name }
      : {}),
    ...(keywords.length > 0 ? { keywords: keywords.join(', ') } : {}),
    ...(project.leadOrganisation
      ? {
          parentOrganization: {
            '@type': 'Organization',
            name: project.leadOrganisation.name,
            ...(project.leadOrganisation.website ? { url: project.leadOrganisation.website } : {}),
          },
        }
      : {}),
    isPartOf: { '@type': 'WebSite', name: 'Stadtnetz Integration', url: origin },
  };
}
