import type { Core } from '@strapi/strapi';
import { PAGE_TYPE_UIDS } from '../settings';
import { PAGE_TEXTS } from './page-texts';

type SingleTypeDocuments = {
  findFirst(params: Record<string, unknown>): Promise<{ documentId: string } | null>;
  create(params: Record<string, unknown>): Promise<{ documentId: string }>;
  update(params: Record<string, unknown>): Promise<unknown>;
};

/**
 * Every one of the site's pages exists and is published, in every locale it has a text for: a page that was never
 * written gets its placeholder (which says it must be completed). Runs on every start, also without demo content,
 * and never touches a page an editor has written (a draft counts).
 */
export async function ensurePages(strapi: Core.Strapi): Promise<string[]> {
  const created: string[] = [];
  for (const uid of PAGE_TYPE_UIDS) {
    const texts = PAGE_TEXTS[uid] ?? {};
    const documents = strapi.documents(uid as never) as unknown as SingleTypeDocuments;
    let documentId = (await documents.findFirst({ locale: 'de', status: 'draft' }))?.documentId;
    for (const locale of ['de', 'en'] as const) {
      const text = texts[locale];
      if (!text) continue;
      const existing = await documents.findFirst({ locale, status: 'draft' });
      if (existing) {
        documentId ??= existing.documentId;
        continue;
      }
      if (documentId) await documents.update({ documentId, locale, status: 'published', data: text });
      else documentId = (await documents.create({ locale, status: 'published', data: text })).documentId;
      created.push(`${uid} (${locale})`);
    }
  }
  if (created.length > 0) strapi.log.info(`Created placeholder pages: ${created.join(', ')}`);
  return created;
}
