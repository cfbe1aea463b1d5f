// GraphiQL (React) mounted into the /api page: bundled with the site (no CDN), loaded only when a visitor with
// JavaScript opens the page. Queries and mutations over HTTP, subscriptions over graphql-ws — the public endpoint.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createClient } from 'graphql-ws';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

export const DEFAULT_QUERY = `# Die neuesten Projekte, seitenweise – The newest projects, page by page
query NeuesteProjekte($page: Int = 1) {
  projects_connection(sort: ["publishedAt:desc"], pagination: { page: $page, pageSize: 10 }) {
    pageInfo { total page pageCount }
    nodes {
      documentId
      title
      summary
      city { name latitude longitude }
      actionFields { slug name }
    }
  }
}
`;

/** Mounts GraphiQL into `element`; returns a function that unmounts it. */
export function mountExplorer(element: HTMLElement, endpoint: string): () => void {
  const wsUrl = endpoint.replace(/^http/, 'ws');
  const wsClient = createClient({ url: wsUrl, lazy: true });
  const fetcher = createGraphiQLFetcher({
    url: endpoint,
    wsClient,
    // The gateway's CSRF protection wants a JSON POST with this header from browsers.
    headers: { 'apollo-require-preflight': 'true' },
  });
  const root = createRoot(element);
  root.render(
    createElement(GraphiQL, {
      fetcher,
      defaultQuery: DEFAULT_QUERY,
      defaultHeaders: JSON.stringify({ 'x-api-key': '' }, null, 2),
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
    }),
  );
  return () => {
    root.unmount();
    void wsClient.dispose();
  };
}
