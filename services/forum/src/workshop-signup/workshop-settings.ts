import { cmsUnavailable } from '../federation/cms-reference-check.js';
import { DOCUMENT_ID } from '../federation/cms-references.js';
import type { Log } from '../log.js';

/** A question editors ask at registration (Strapi: Workshop.registration.questions). */
export interface SignupQuestion {
  key: string;
  label: string;
  labelEn: string | null;
  required: boolean;
}

/**
 * What the forum needs to know about a published workshop to take registrations: the editors' settings and the
 * facts an invitation carries. The CMS owns them; the forum asks for them on each registration and never
 * stores them beyond the workshop's end (for the retention of participants' data).
 */
export interface WorkshopSettings {
  documentId: string;
  title: string;
  slug: string;
  startsAt: Date | null;
  endsAt: Date | null;
  venue: { name: string; address: string | null; city: string | null } | null;
  /** Whether editors switched registration on at all. */
  open: boolean;
  /** Editors called the workshop off. */
  cancelled: boolean;
  opensAt: Date | null;
  closesAt: Date | null;
  /** Null: no limit. */
  capacity: number | null;
  waitlist: boolean;
  approvalRequired: boolean;
  questions: SignupQuestion[];
}

export interface WorkshopSettingsSource {
  /** Each published workshop's settings, or null where no published workshop has that documentId. */
  loadMany(documentIds: readonly string[]): Promise<(WorkshopSettings | null)[]>;
}

const ENTITIES = /* GraphQL */ `
  query ForumWorkshopSettings($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Workshop {
        documentId
        title
        slug
        startsAt
        endsAt
        venue {
          name
          address
          city {
            name
          }
        }
        registration {
          open
          cancelled
          opensAt
          capacity
          deadline
          waitlist
          approvalRequired
          questions {
            key
            label
            labelEn
            required
          }
        }
      }
    }
  }
`;

interface CmsWorkshop {
  documentId: string;
  title: string;
  slug: string;
  startsAt: string | null;
  endsAt: string | null;
  venue: { name: string; address: string | null; city: { name: string } | null } | null;
  registration: {
    open: boolean | null;
    cancelled?: boolean | null;
    opensAt: string | null;
    capacity: number | null;
    deadline: string | null;
    waitlist: boolean | null;
    approvalRequired: boolean | null;
    questions: (SignupQuestion | null)[] | null;
  } | null;
}

const date = (value: string | null | undefined) => (value ? new Date(value) : null);

export function settingsFromCms(workshop: CmsWorkshop): WorkshopSettings {
  const registration = workshop.registration;
  return {
    documentId: workshop.documentId,
    title: workshop.title,
    slug: workshop.slug,
    startsAt: date(workshop.startsAt),
    endsAt: date(workshop.endsAt),
    venue: workshop.venue
      ? {
          name: workshop.venue.name,
          address: workshop.venue.address ?? null,
          city: workshop.venue.city?.name ?? null,
        }
      : null,
    open: registration?.open ?? false,
    cancelled: registration?.cancelled ?? false,
    opensAt: date(registration?.opensAt),
    closesAt: date(registration?.deadline),
    capacity: registration?.capacity ?? null,
    waitlist: registration?.waitlist ?? true,
    approvalRequired: registration?.approvalRequired ?? false,
    questions: (registration?.questions ?? []).filter((question): question is SignupQuestion => !!question),
  };
}

/** Asks the CMS's `_entities` (published documents only), the question the gateway would ask. */
export function createWorkshopSettingsSource(
  options: { cmsUrl: string; timeoutMs: number },
  log: Log,
): WorkshopSettingsSource {
  return {
    async loadMany(documentIds) {
      // Not a documentId the CMS could have made: no published workshop, and no question to ask.
      const asked = documentIds.filter((id) => DOCUMENT_ID.test(id));
      if (asked.length === 0) return documentIds.map(() => null);
      let body: { data?: { _entities?: (CmsWorkshop | null)[] } | null; errors?: unknown[] };
      try {
        const response = await fetch(`${options.cmsUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({
            query: ENTITIES,
            variables: {
              representations: asked.map((documentId) => ({ __typename: 'Workshop', documentId })),
            },
          }),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        body = (await response.json()) as typeof body;
      } catch (error) {
        log.warn(
          { error: error instanceof Error ? error.message : String(error) },
          'CMS workshop settings failed',
        );
        throw cmsUnavailable();
      }
      const entities = body.data?._entities;
      if (!Array.isArray(entities) || entities.length !== asked.length) {
        log.warn({ errors: body.errors }, 'CMS workshop settings: no usable _entities answer');
        throw cmsUnavailable();
      }
      const found = new Map(
        asked.map((documentId, index) => {
          const workshop = entities[index];
          return [documentId, workshop ? settingsFromCms(workshop) : null] as const;
        }),
      );
      return documentIds.map((documentId) => found.get(documentId) ?? null);
    },
  };
}
