// The guide's examples, the same in both languages; `{endpoint}` is the page's public endpoint.
export const curlQuery = (endpoint: string) => `curl -sS '${endpoint}' \\
  -H 'content-type: application/json' \\
  -H 'x-api-key: IHR_SCHLÜSSEL' \\
  -D - \\
  --data '{"query":"{ projects_connection(pagination: { page: 1, pageSize: 100 }) { pageInfo { total pageCount } nodes { documentId title updatedAt city { name } } } }"}'`;

export const jsPaging = (endpoint: string) => `// Eine Kopie aktuell halten – keep a copy in sync (Node 20+)
const ENDPOINT = '${endpoint}';
const HEADERS = { 'content-type': 'application/json', 'x-api-key': process.env.STADTNETZ_API_KEY ?? '' };

async function request(query, variables) {
  const response = await fetch(ENDPOINT, { method: 'POST', headers: HEADERS, body: JSON.stringify({ query, variables }) });
  if (response.status === 429) {
    // Over the rate limit: wait as long as the gateway says, then try again.
    const seconds = Number(response.headers.get('retry-after') ?? 60);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    return request(query, variables);
  }
  const body = await response.json();
  if (body.errors) throw new Error(\`\${body.errors[0].extensions?.code}: \${body.errors[0].message}\`);
  return body.data;
}

const REMOVED = \`query ($since: DateTime, $after: String) {
  removedDocuments(since: $since, after: $after, types: ["Project"], first: 100) { documentId reason at cursor }
}\`;
const CHANGED = \`query ($since: DateTime, $page: Int!) {
  projects_connection(updatedSince: $since, sort: ["updatedAt:asc"], pagination: { page: $page, pageSize: 100 }) {
    pageInfo { pageCount }
    nodes { documentId title summary updatedAt city { name latitude longitude } actionFields { slug name } }
  }
}\`;

/** One run: \`since\` is the start of the last run (null: load everything). Returns the start of this one. */
export async function sync(copy /* Map documentId → project */, since = null) {
  const started = new Date().toISOString();
  if (since) {
    // 1. What went: withdrawn or deleted by the editors.
    let after = null;
    for (;;) {
      const { removedDocuments } = await request(REMOVED, { since: after ? null : since, after });
      for (const removed of removedDocuments) copy.delete(removed.documentId);
      if (removedDocuments.length < 100) break;
      after = removedDocuments.at(-1).cursor;
    }
  }
  // 2. What changed (or came back), page by page.
  for (let page = 1, pageCount = 1; page <= pageCount; page++) {
    const { projects_connection } = await request(CHANGED, { since, page });
    pageCount = projects_connection.pageInfo.pageCount;
    for (const project of projects_connection.nodes) copy.set(project.documentId, project);
  }
  return started;
}`;

export const jsLive = (
  endpoint: string,
) => `// Live: neue Beiträge eines Themas – new posts of a thread (graphql-ws)
import { createClient } from 'graphql-ws';

const client = createClient({
  url: '${endpoint.replace(/^http/, 'ws')}',
  connectionParams: { apiKey: process.env.STADTNETZ_API_KEY },
});

const stop = client.subscribe(
  { query: 'subscription($id: ID!) { postAdded(threadId: $id) { id cursor createdAt author { displayName } body } }',
    variables: { id: 'THEMA_ID' } },
  {
    next: ({ data, errors }) => console.log(data?.postAdded ?? errors),
    error: (error) => console.error(error),
    complete: () => console.log('complete: subscribe again and catch up with posts(threadId, after: lastCursor)'),
  },
);`;

/** Error codes in `errors[].extensions.code`, with the HTTP status the gateway answers with. */
export const ERROR_CODES: { code: string; status: string; de: string; en: string }[] = [
  {
    code: 'GRAPHQL_PARSE_FAILED',
    status: '400',
    de: 'Die Abfrage ist kein gültiges GraphQL.',
    en: 'The query is not valid GraphQL.',
  },
  {
    code: 'GRAPHQL_VALIDATION_FAILED',
    status: '400',
    de: 'Ein Feld oder Argument gibt es nicht, oder ein Typ passt nicht.',
    en: 'A field or argument does not exist, or a type does not match.',
  },
  {
    code: 'BAD_USER_INPUT',
    status: '200/400',
    de: 'Ein Wert ist ungültig; extensions.field nennt ihn.',
    en: 'A value is invalid; extensions.field names it.',
  },
  {
    code: 'BAD_REQUEST',
    status: '400',
    de: 'Die Anfrage selbst stimmt nicht (kein JSON, GET-Mutation, Persisted Query falsch).',
    en: 'The request itself is wrong (no JSON, a GET mutation, a malformed persisted query).',
  },
  {
    code: 'PAGE_SIZE_TOO_LARGE',
    status: '400',
    de: 'first, pageSize oder limit über 100.',
    en: 'first, pageSize or limit above 100.',
  },
  {
    code: 'QUERY_TOO_COMPLEX',
    status: '400',
    de: 'Kosten über 20.000 (Objekte mal Listengrößen); extensions.cost und maxCost.',
    en: 'Cost above 20,000 (objects times list sizes); extensions.cost and maxCost.',
  },
  { code: 'QUERY_TOO_DEEP', status: '400', de: 'Tiefer als 12 Ebenen.', en: 'Deeper than 12 levels.' },
  { code: 'TOO_MANY_ALIASES', status: '400', de: 'Mehr als 15 Aliase.', en: 'More than 15 aliases.' },
  { code: 'QUERY_TOO_LARGE', status: '400', de: 'Mehr als 2.000 Token.', en: 'More than 2,000 tokens.' },
  {
    code: 'TOO_MANY_DIRECTIVES',
    status: '400',
    de: 'Mehr als 20 Direktiven.',
    en: 'More than 20 directives.',
  },
  {
    code: 'PERSISTED_QUERY_NOT_FOUND',
    status: '200',
    de: 'Hash unbekannt: die Abfrage mit Hash noch einmal senden (APQ).',
    en: 'Unknown hash: send the query with its hash again (APQ).',
  },
  {
    code: 'UNAUTHENTICATED',
    status: '401',
    de: 'Token oder API-Schlüssel ungültig, abgelaufen oder widerrufen (extensions.reason).',
    en: 'Token or API key invalid, expired or revoked (extensions.reason).',
  },
  {
    code: 'FORBIDDEN',
    status: '200',
    de: 'Nicht erlaubt, z. B. Entwürfe lesen.',
    en: 'Not allowed, e.g. reading drafts.',
  },
  {
    code: 'NOT_FOUND',
    status: '200',
    de: 'Das Gesuchte gibt es nicht.',
    en: 'What was asked for does not exist.',
  },
  {
    code: 'RATE_LIMITED',
    status: '429',
    de: 'Kontingent erschöpft; Retry-After und extensions.retryAfter in Sekunden.',
    en: 'Budget used up; Retry-After and extensions.retryAfter in seconds.',
  },
  {
    code: 'TOO_MANY_SUBSCRIPTIONS',
    status: 'WebSocket',
    de: 'Mehr als 50 Abos auf einer Verbindung (oder 500 je Adresse).',
    en: 'More than 50 subscriptions on one connection (or 500 per address).',
  },
  {
    code: 'UPSTREAM_UNAVAILABLE',
    status: '200',
    de: 'Ein Dienst dahinter antwortet nicht; der Rest der Antwort ist da. Später erneut versuchen.',
    en: 'A service behind it does not answer; the rest of the answer is there. Try again later.',
  },
  {
    code: 'INTERNAL_SERVER_ERROR',
    status: '500',
    de: 'Ein Fehler bei uns. Bitte melden, mit dem Kopf x-request-id.',
    en: 'A fault on our side. Please report it, with the x-request-id header.',
  },
];
