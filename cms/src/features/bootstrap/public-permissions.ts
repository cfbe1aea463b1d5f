import type { Core } from '@strapi/strapi';
import { CONTENT_TYPE_UIDS, FEEDBACK_TYPE_UID, OPEN_DATA_TYPE_UID, PAGE_TYPE_UIDS } from '../settings';

/** Everything the public may do: read published content. Nothing else, ever. */
export const PUBLIC_ACTIONS = [
  ...CONTENT_TYPE_UIDS.flatMap((uid) => [`${uid}.find`, `${uid}.findOne`]),
  // The site's pages are single types: `find` is all they have.
  ...PAGE_TYPE_UIDS.map((uid) => `${uid}.find`),
  // The open data licence, read by the website's exports and catalogue.
  `${OPEN_DATA_TYPE_UID}.find`,
];
/** Types whose permissions for the public are exactly PUBLIC_ACTIONS (feedback: none at all). */
const GUARDED_UIDS: string[] = [
  ...CONTENT_TYPE_UIDS,
  ...PAGE_TYPE_UIDS,
  OPEN_DATA_TYPE_UID,
  FEEDBACK_TYPE_UID,
];

/**
 * Grants the users-permissions public role read access to our content types; idempotent, and it removes
 * write permissions on our types if someone granted them by hand, because anonymous writes are never wanted.
 */
export async function ensurePublicPermissions(strapi: Core.Strapi): Promise<void> {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  if (!role) throw new Error('users-permissions public role is missing');
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  const existing: { id: number; action: string }[] = await permissions.findMany({
    where: { role: role.id },
    select: ['id', 'action'],
  });
  const have = new Set(existing.map((permission) => permission.action));
  for (const action of PUBLIC_ACTIONS) {
    if (!have.has(action)) await permissions.create({ data: { action, role: role.id } });
  }
  const forbidden = existing.filter(
    (permission) =>
      GUARDED_UIDS.some((uid) => permission.action.startsWith(`${uid}.`)) &&
      !PUBLIC_ACTIONS.includes(permission.action),
  );
  if (forbidden.length > 0) {
    await permissions.deleteMany({ where: { id: { $in: forbidden.map((permission) => permission.id) } } });
  }
}
