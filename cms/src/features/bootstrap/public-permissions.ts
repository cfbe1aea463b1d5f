import type { Core } from '@strapi/strapi';
import { CONTENT_TYPE_UIDS } from '../settings';

/** Everything the public may do: read published content. Nothing else, ever. */
export const PUBLIC_ACTIONS = CONTENT_TYPE_UIDS.flatMap((uid) => [`${uid}.find`, `${uid}.findOne`]);

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
      CONTENT_TYPE_UIDS.some((uid) => permission.action.startsWith(`${uid}.`)) &&
      !PUBLIC_ACTIONS.includes(permission.action),
  );
  if (forbidden.length > 0) {
    await permissions.deleteMany({ where: { id: { $in: forbidden.map((permission) => permission.id) } } });
  }
}
