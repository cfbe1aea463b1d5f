import type { Core } from '@strapi/strapi';
import { OPEN_DATA_TYPE_UID } from '../settings';

/** What the open data are published under until an editor chooses otherwise (DCAT-AP.de licence vocabulary). */
export const DEFAULT_OPEN_DATA = {
  licenceName: 'Datenlizenz Deutschland – Namensnennung – 2.0',
  licenceId: 'dl-by-de/2.0',
  licenceUrl: 'https://www.govdata.de/dl-de/by-2-0',
  attribution: 'Stadtnetz Integration',
  publisherName: 'Stadtnetz Integration',
} as const;

type SingleTypeDocuments = {
  findFirst(params?: Record<string, unknown>): Promise<{ documentId: string } | null>;
  create(params: Record<string, unknown>): Promise<{ documentId: string }>;
};

/**
 * The open data settings exist, on every start (also without demo content): the default licence until an editor
 * chooses one. An entry an editor saved is never touched. Returns whether it was created.
 */
export async function ensureOpenData(strapi: Core.Strapi): Promise<boolean> {
  const documents = strapi.documents(OPEN_DATA_TYPE_UID as never) as unknown as SingleTypeDocuments;
  if (await documents.findFirst()) return false;
  await documents.create({ data: { ...DEFAULT_OPEN_DATA } });
  strapi.log.info(`Open data licence set to the default: ${DEFAULT_OPEN_DATA.licenceName}`);
  return true;
}
