// Atom feeds (RFC 4287) of what is new: projects (all, per city, per field of action), workshops, and the threads
// of each forum category. Anonymous reads through the gateway: what the public sees, nothing more. The newest
// FEED_SIZE entries each; the feed's `updated` is its newest entry's.
import { Feed } from 'feed';
import { graphql } from '$lib/graphql';
import type { Api } from './api';
import { siteOrigin } from './public-gateway';
import { UpstreamError } from './open-data/datasets';
import { ExportRequestError } from './open-data/request';

export const FEED_SIZE = 50;
const SITE = 'Stadtnetz Integration';

interface Entry {
  title: string;
  link: string;
  summary?: string | null;
  published?: string | null;
  updated?: string | null;
  categories?: string[];
  author?: string | null;
}

export interface FeedSpec {
  title: string;
  /** The page this feed belongs to (the feed's `alternate`). */
  page: string;
  entries: Entry[];
}

/** The feed as Atom XML. */
export function atom(spec: FeedSpec, origin: string, selfPath: string, now = new Date()): string {
  const dates = spec.entries.map((e) => e.updated ?? e.published).filter((d): d is string => Boolean(d));
  const updated = dates.length > 0 ? new Date(dates.sort().at(-1)!) : now;
  const feed = new Feed({
    id: `${origin}${selfPath}`,
    title: `${spec.title} – ${SITE}`,
    link: `${origin}${spec.page}`,
    language: 'de',
    updated,
    generator: SITE,
    feedLinks: { atom: `${origin}${selfPath}` },
    author: { name: SITE, link: origin },
    copyright: SITE,
  });
  for (const entry of spec.entries) {
    const link = `${origin}${entry.link}`;
    feed.addItem({
      title: entry.title,
      id: link,
      link,
      date: new Date(entry.updated ?? entry.published ?? updated),
      ...(entry.published ? { published: new Date(entry.published) } : {}),
      ...(entry.summary ? { description: entry.summary } : {}),
      category: (entry.categories ?? []).map((name) => ({ name, term: name })),
      author: [{ name: entry.author ?? SITE }],
    });
  }
  return feed.atom1();
}

export const atomResponse = (xml: string) =>
  new Response(xml, {
    headers: {
      'content-type': 'application/atom+xml; charset=utf-8',
      'cache-control': 'public, max-age=300',
      'access-control-allow-origin': '*',
    },
  });

/** Feeds take no parameters: one given is a filter the feed does not know. */
export function refuseParameters(params: URLSearchParams): void {
  const [name] = [...params.keys()];
  if (name !== undefined)
    throw new ExportRequestError(
      400,
      `Unbekannter Parameter „${name}“: Feeds haben keine Filter; je Stadt, Handlungsfeld und Forum-Kategorie gibt es einen eigenen Feed (${'/feeds'}).\nUnknown parameter "${name}": feeds take no filters; there is one feed per city, field of action and forum category.`,
    );
}

const NewProjects = graphql(`
  query FeedProjects($filters: ProjectFiltersInput, $size: Int!) {
    projects(filters: $filters, sort: ["publishedAt:desc"], pagination: { pageSize: $size }) {
      documentId
      title
      summary
      publishedAt
      updatedAt
      city {
        name
      }
      actionFields {
        name
      }
      leadOrganisation {
        name
      }
    }
  }
`);

const CityName = graphql(`
  query FeedCity($slug: String!) {
    cities(filters: { slug: { eq: $slug } }) {
      name
    }
  }
`);
const ActionFieldName = graphql(`
  query FeedActionField($slug: String!) {
    actionFields(filters: { slug: { eq: $slug } }) {
      name
    }
  }
`);

const slugPattern = /^[a-z0-9][a-z0-9-]{0,99}$/;

async function projectEntries(api: Api, filters: Record<string, unknown> | undefined): Promise<Entry[]> {
  const { data, errors } = await api.run(NewProjects, { filters, size: FEED_SIZE });
  if (!data) throw new UpstreamError(errors[0]?.message ?? 'no projects');
  return data.projects.flatMap((p) =>
    p
      ? [
          {
            title: p.title,
            link: `/projekte/${p.documentId}`,
            summary: p.summary,
            published: p.publishedAt,
            updated: p.updatedAt,
            categories: [
              ...p.actionFields.flatMap((f) => (f ? [f.name] : [])),
              ...(p.city ? [p.city.name] : []),
            ],
            author: p.leadOrganisation?.name,
          },
        ]
      : [],
  );
}

export async function projectsFeed(api: Api): Promise<FeedSpec> {
  return { title: 'Neue Projekte', page: '/projekte', entries: await projectEntries(api, undefined) };
}

export async function cityProjectsFeed(api: Api, slug: string): Promise<FeedSpec> {
  const name = slugPattern.test(slug) ? (await api.run(CityName, { slug })).data?.cities[0]?.name : undefined;
  if (!name) throw new ExportRequestError(404, `Stadt „${slug}“ gibt es nicht.\nNo city "${slug}".`);
  return {
    title: `Neue Projekte in ${name}`,
    page: `/staedte/${slug}`,
    entries: await projectEntries(api, { city: { slug: { eq: slug } } }),
  };
}

export async function actionFieldProjectsFeed(api: Api, slug: string): Promise<FeedSpec> {
  const name = slugPattern.test(slug)
    ? (await api.run(ActionFieldName, { slug })).data?.actionFields[0]?.name
    : undefined;
  if (!name)
    throw new ExportRequestError(
      404,
      `Handlungsfeld „${slug}“ gibt es nicht.\nNo field of action "${slug}".`,
    );
  return {
    title: `Neue Projekte im Handlungsfeld ${name}`,
    page: `/handlungsfelder/${slug}`,
    entries: await projectEntries(api, { actionFields: { slug: { eq: slug } } }),
  };
}

const Workshops = graphql(`
  query FeedWorkshops($size: Int!) {
    workshops(sort: ["publishedAt:desc"], pagination: { pageSize: $size }) {
      documentId
      title
      guidingQuestion
      startsAt
      publishedAt
      updatedAt
      venue {
        city {
          name
        }
      }
    }
  }
`);

export async function workshopsFeed(api: Api): Promise<FeedSpec> {
  const { data, errors } = await api.run(Workshops, { size: FEED_SIZE });
  if (!data) throw new UpstreamError(errors[0]?.message ?? 'no workshops');
  const when = new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeZone: 'Europe/Berlin' });
  return {
    title: 'Workshops',
    page: '/workshops',
    entries: data.workshops.flatMap((w) =>
      w
        ? [
            {
              title: w.startsAt ? `${w.title} (${when.format(new Date(w.startsAt))})` : w.title,
              link: `/workshops/${w.documentId}`,
              summary: w.guidingQuestion,
              published: w.publishedAt,
              updated: w.updatedAt,
              categories: w.venue?.city ? [w.venue.city.name] : [],
            },
          ]
        : [],
    ),
  };
}

const Categories = graphql(`
  query FeedCategories {
    categories {
      id
      slug
      name
    }
  }
`);
const CategoryThreads = graphql(`
  query FeedCategoryThreads($categoryId: ID!, $size: Int!) {
    threads(categoryId: $categoryId, first: $size) {
      nodes {
        id
        title
        createdAt
        lastActivityAt
        postCount
        author {
          displayName
        }
      }
    }
  }
`);

/** A forum category's threads, most recent activity first (the order the category page shows). */
export async function categoryFeed(api: Api, slug: string): Promise<FeedSpec> {
  const categories = await api.run(Categories, {});
  if (!categories.data) throw new UpstreamError(categories.errors[0]?.message ?? 'no categories');
  const category = categories.data.categories.find((c) => c.slug === slug);
  if (!category)
    throw new ExportRequestError(
      404,
      `Forum-Kategorie „${slug}“ gibt es nicht.\nNo forum category "${slug}".`,
    );
  const { data, errors } = await api.run(CategoryThreads, { categoryId: category.id, size: FEED_SIZE });
  if (!data) throw new UpstreamError(errors[0]?.message ?? 'no threads');
  return {
    title: `Forum: ${category.name}`,
    page: `/forum/${slug}`,
    entries: data.threads.nodes.map((thread) => ({
      title: thread.title,
      link: `/forum/thema/${thread.id}`,
      summary: `${thread.postCount} Beiträge`,
      published: thread.createdAt,
      updated: thread.lastActivityAt,
      author: thread.author.displayName,
    })),
  };
}

/** Runs a feed's work and answers as feeds answer: Atom, or a plain 400/404/503. */
export async function serveFeed(
  url: URL,
  work: () => Promise<FeedSpec>,
  plainText: (status: number, message: string) => Response,
): Promise<Response> {
  try {
    refuseParameters(url.searchParams);
    return atomResponse(atom(await work(), siteOrigin(url), url.pathname));
  } catch (error) {
    if (error instanceof ExportRequestError) return plainText(error.status, error.message);
    if (error instanceof UpstreamError) {
      console.error(`feed ${url.pathname}: ${error.message}`);
      return plainText(503, 'Der Feed ist gerade nicht erreichbar.\nThe feed is unavailable right now.');
    }
    throw error;
  }
}
