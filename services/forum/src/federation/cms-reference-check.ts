import { badInput, clientError } from '../common/errors.js';
import type { Log } from '../log.js';

/** The CMS types members and threads point to, by documentId. */
export type CmsType = 'Project' | 'Workshop' | 'City' | 'ActionField';

export interface ReferencesOfField {
  /** The input field, as a client names it in `extensions.field`. */
  field: string;
  type: CmsType;
  documentIds: readonly string[];
}

export interface CmsReferenceChecker {
  /**
   * Resolves when every documentId names a published document of its type; throws BAD_USER_INPUT (naming
   * the field) when one does not, UPSTREAM_UNAVAILABLE when the CMS cannot say. Call it before writing.
   */
  requirePublished(references: readonly ReferencesOfField[]): Promise<void>;
}

const WHAT: Record<CmsType, string> = {
  Project: 'project',
  Workshop: 'workshop',
  City: 'city',
  ActionField: 'field of action',
};

// The question the gateway asks when it resolves these references: what `_entities` finds is what readers
// will see, and it finds published documents only.
const ENTITIES = /* GraphQL */ `
  query ForumReferenceCheck($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
    }
  }
`;

export const cmsUnavailable = () =>
  clientError(
    'UPSTREAM_UNAVAILABLE',
    'The CMS cannot be reached to check the projects, workshops, cities or fields of action named; nothing was saved, please try again later',
    { service: 'cms' },
  );

const keyOf = (type: string, documentId: string) => `${type}:${documentId}`;

export function createCmsReferenceChecker(
  options: { cmsUrl: string; timeoutMs: number },
  log: Log,
): CmsReferenceChecker {
  const endpoint = `${options.cmsUrl}/graphql`;

  async function publishedOf(representations: { __typename: CmsType; documentId: string }[]) {
    let body: { data?: { _entities?: unknown } | null; errors?: unknown[] };
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query: ENTITIES, variables: { representations } }),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      body = (await response.json()) as typeof body;
    } catch (error) {
      log.warn(
        { error: error instanceof Error ? error.message : String(error) },
        'CMS reference check failed',
      );
      throw cmsUnavailable();
    }
    const entities = body.data?._entities;
    if (!Array.isArray(entities) || entities.length !== representations.length) {
      log.warn({ errors: body.errors }, 'CMS reference check: no usable _entities answer');
      throw cmsUnavailable();
    }
    // A null entry is a document that does not exist or is not published.
    return new Set(
      representations
        .filter((_representation, index) => entities[index] !== null && entities[index] !== undefined)
        .map((representation) => keyOf(representation.__typename, representation.documentId)),
    );
  }

  return {
    async requirePublished(references) {
      const wanted = references.flatMap(({ field, type, documentIds }) =>
        documentIds.map((documentId) => ({ field, type, documentId })),
      );
      if (wanted.length === 0) return;
      const representations = [
        ...new Map(
          wanted.map(({ type, documentId }) => [keyOf(type, documentId), { __typename: type, documentId }]),
        ).values(),
      ];
      const published = await publishedOf(representations);
      const missing = wanted.find(({ type, documentId }) => !published.has(keyOf(type, documentId)));
      if (missing) {
        throw badInput(
          missing.field,
          `no published ${WHAT[missing.type]} has the documentId "${missing.documentId}"`,
        );
      }
    },
  };
}
