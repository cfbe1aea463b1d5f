// sitemap.xml (sitemaps.org 0.9) of the public pages: the fixed pages, then every published project, workshop,
// city and field of action and every forum category, paged through the gateway and streamed. Thread pages are
// left out (they are many and change by the minute; the category pages and feeds lead to them).
import { graphql } from '$lib/graphql';
import type { Api } from './api';
import { PAGE_SIZE, UpstreamError } from './open-data/datasets';

export const FIXED_PAGES = [
  '/',
  '/projekte',
  '/staedte',
  '/handlungsfelder',
  '/workshops',
  '/forum',
  '/mitglieder',
  '/daten',
  '/api',
  '/impressum',
  '/datenschutz',
  '/barrierefreiheit',
  '/leichte-sprache',
] as const;

const Entries = graphql(`
  query SitemapEntries($page: Int!, $pageSize: Int!, $withRest: Boolean!) {
    projects_connection(sort: ["createdAt:asc"], pagination: { page: $page, pageSize: $pageSize }) {
      pageInfo {
        pageCount
      }
      nodes {
        documentId
        updatedAt
      }
    }
    workshops(sort: ["createdAt:asc"], pagination: { pageSize: 100 }) @include(if: $withRest) {
      documentId
      updatedAt
    }
    cities(sort: ["name:asc"], pagination: { pageSize: 100 }) @include(if: $withRest) {
      slug
      updatedAt
    }
    actionFields(sort: ["name:asc"], pagination: { pageSize: 100 }) @include(if: $withRest) {
      slug
      updatedAt
    }
    categories @include(if: $withRest) {
      slug
    }
  }
`);

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function url(origin: string, path: string, updated?: string | null): string {
  return `<url><loc>${escape(origin + path)}</loc>${updated ? `<lastmod>${escape(updated)}</lastmod>` : ''}</url>\n`;
}

/** Starts the sitemap: the first page is fetched before the answer begins (a failure is a 503). */
export async function sitemap(api: Api, origin: string): Promise<ReadableStream<Uint8Array>> {
  const fetchPage = async (page: number) => {
    const { data, errors } = await api.run(Entries, { page, pageSize: PAGE_SIZE, withRest: page === 1 });
    if (!data?.projects_connection) throw new UpstreamError(errors[0]?.message ?? 'no sitemap entries');
    return data;
  };
  const first = await fetchPage(1);
  const pageCount = first.projects_connection!.pageInfo.pageCount;
  const encoder = new TextEncoder();
  let page = 1;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (page === 1) {
          let head =
            '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n';
          for (const path of FIXED_PAGES) head += url(origin, path);
          for (const w of first.workshops ?? [])
            if (w) head += url(origin, `/workshops/${w.documentId}`, w.updatedAt);
          for (const c of first.cities ?? []) if (c) head += url(origin, `/staedte/${c.slug}`, c.updatedAt);
          for (const f of first.actionFields ?? [])
            if (f) head += url(origin, `/handlungsfelder/${f.slug}`, f.updatedAt);
          for (const c of first.categories ?? []) head += url(origin, `/forum/${c.slug}`);
          for (const p of first.projects_connection!.nodes)
            head += url(origin, `/projekte/${p.documentId}`, p.updatedAt);
          controller.enqueue(encoder.encode(head));
          page = 2;
          return;
        }
        if (page > pageCount) {
          controller.enqueue(encoder.encode('</urlset>\n'));
          controller.close();
          return;
        }
        const data = await fetchPage(page);
        page += 1;
        let chunk = '';
        for (const p of data.projects_connection!.nodes)
          chunk += url(origin, `/projekte/${p.documentId}`, p.updatedAt);
        controller.enqueue(encoder.encode(chunk));
      } catch (error) {
        controller.error(error);
      }
    },
  });
}
