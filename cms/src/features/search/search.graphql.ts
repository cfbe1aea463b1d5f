import type { Core } from '@strapi/strapi';
import { toDocumentParams, type PaginationArg } from '../graphql/args';
import { searchExcerpt } from './excerpt';
import { rankProjects } from './project-search';
import { loadProjects } from '../read-model/project-page';
import { primeRelations } from '../relations/batched-relations';

const PROJECT = 'api::project.project';

export const searchTypeDefs = /* GraphQL */ `
  "Projects found by a full-text search, best match first"
  type ProjectSearchResult {
    "All published projects that match the query and the filters (at most 1000)"
    total: Int!
    nodes: [Project!]!
    "The same projects as nodes, each with its rank and a safe excerpt"
    hits: [ProjectSearchHit!]!
  }

  "A project found by a search, with an excerpt of its summary and description"
  type ProjectSearchHit {
    project: Project!
    "Higher is better"
    rank: Float!
    """
    Plain text around the first match (about 200 characters): Markdown and HTML removed, no < or > left, so it
    forms no markup even if inserted as HTML. Escape it like any text.
    """
    excerpt: String!
    "The excerpt as HTML: every character escaped, the matched words in <mark>"
    excerptHtml: String!
  }

  extend type Query {
    """
    Full-text search over the title, summary and description of published projects (German stemming on
    PostgreSQL), combined with the same filters as \`projects\`.
    """
    searchProjects(
      "Words to find; a project needs one of them, those with all of them come first"
      query: String!
      filters: ProjectFiltersInput
      pagination: PaginationArg = {}
      locale: I18NLocaleCode
    ): ProjectSearchResult!
  }
`;

interface SearchArgs {
  query: string;
  filters?: unknown;
  pagination?: PaginationArg;
  locale?: string | null;
}

export function searchResolvers(strapi: Core.Strapi) {
  return {
    Query: {
      async searchProjects(_parent: unknown, args: SearchArgs, context: object) {
        const locale = args.locale ?? (await strapi.plugin('i18n').service('locales').getDefaultLocale());
        const { filters, start, limit } = toDocumentParams(strapi, PROJECT, args);
        let ranked = await rankProjects(strapi, args.query.slice(0, 200), locale);
        if (ranked.length > 0 && filters && Object.keys(filters).length > 0) {
          const allowed = await strapi.documents(PROJECT).findMany({
            locale,
            status: 'published',
            fields: ['documentId'],
            filters: { $and: [filters, { documentId: { $in: ranked.map((hit) => hit.documentId) } }] },
            limit: ranked.length,
          } as never);
          const ids = new Set((allowed as { documentId: string }[]).map((doc) => doc.documentId));
          ranked = ranked.filter((hit) => ids.has(hit.documentId));
        }
        const page = ranked.slice(start, start + limit);
        if (page.length === 0) return { total: ranked.length, nodes: [], hits: [] };
        const documents = await loadProjects(
          strapi,
          locale,
          page.map((hit) => hit.documentId),
        );
        primeRelations(strapi, context, PROJECT, documents);
        const byId = new Map(documents.map((doc) => [doc.documentId, doc]));
        const hits = page.flatMap((hit) => {
          const project = byId.get(hit.documentId);
          return project ? [{ project, rank: hit.rank, ...searchExcerpt(project, args.query) }] : [];
        });
        return { total: ranked.length, nodes: hits.map((hit) => hit.project), hits };
      },
    },
  };
}
