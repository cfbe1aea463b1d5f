// The CMS itself, for the two things the public gateway does not carry: uploaded files (the media library's
// /uploads) and the preview of drafts with a signed link. Never used for published content (that is the gateway's).
import { env } from '$env/dynamic/private';

export const cmsUrl = () => (env['CMS_URL'] ?? 'http://127.0.0.1:1337').replace(/\/+$/, '');

/** A media library file name as Strapi writes it (hash and extension): nothing that could leave /uploads. */
export const isUploadName = (name: string) =>
  /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/.test(name) && !name.includes('..');
