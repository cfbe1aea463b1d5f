// Members' Markdown goes through the platform's one renderer (packages/markdown), the same the website uses for
// the CMS's texts.
import { mentionedHandles, renderMarkdown } from '@stadtnetz/markdown';

export { mentionedHandles, renderMarkdown };

/** Runs a query: a transaction's manager or the data source. */
interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** The website's path of a member's profile: what a mention links to. */
export const profilePath = (memberId: string) => `/mitglieder/${memberId}`;

/**
 * A member's Markdown as HTML, with `@handle` mentions of existing members linked to their profiles; also the
 * ids of the members mentioned (at most 50), for their notifications.
 */
export async function renderMemberMarkdown(db: Queryable, body: string) {
  const handles = mentionedHandles(body);
  const byHandle = new Map<string, string>();
  if (handles.length > 0) {
    const rows = (await db.query(
      'SELECT id, lower(handle) AS handle FROM member WHERE lower(handle) = ANY($1::text[]) LIMIT 50',
      [handles],
    )) as { id: string; handle: string }[];
    for (const row of rows) byHandle.set(row.handle, row.id);
  }
  const html = renderMarkdown(body, {
    mentions: (handle) => {
      const id = byHandle.get(handle);
      return id ? profilePath(id) : undefined;
    },
  });
  return { html, mentionedIds: [...byHandle.values()] };
}
