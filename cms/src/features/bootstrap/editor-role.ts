import type { Core } from '@strapi/strapi';
import { EDITORIAL_TYPE_UIDS } from '../settings';

export const EDITOR_ROLE_CODE = 'strapi-editor';

const CONTENT_ACTIONS = ['create', 'read', 'update', 'delete', 'publish'].map(
  (action) => `plugin::content-manager.explorer.${action}`,
);
// Editors manage media for projects and workshops; settings stay with the super admins.
const MEDIA_ACTIONS = [
  'plugin::upload.read',
  'plugin::upload.configure-view',
  'plugin::upload.assets.create',
  'plugin::upload.assets.update',
  'plugin::upload.assets.download',
  'plugin::upload.assets.copy-link',
];

interface AdminPermission {
  action: string;
  subject?: string | null;
  properties?: Record<string, unknown>;
  conditions?: string[];
}

/**
 * The Editor admin role: creates, edits and publishes every content type of ours in every locale (the site's
 * pages and the accessibility feedback included), manages media, and has no settings permission. Strapi creates a role with this code on an empty database; this
 * makes sure it exists and covers content types added later. Idempotent.
 */
export async function ensureEditorRole(strapi: Core.Strapi): Promise<void> {
  const roles = strapi.service('admin::role');
  let role = await roles.findOne({ code: EDITOR_ROLE_CODE });
  if (!role) {
    role = await roles.create({
      name: 'Editor',
      code: EDITOR_ROLE_CODE,
      description:
        'Editors create, edit and publish projects, workshops, cities, organisations and fields of action.',
    });
  }
  const permissionService = strapi.service('admin::permission');
  const actions = permissionService.actionProvider
    .values()
    .filter((action: { actionId: string }) => CONTENT_ACTIONS.includes(action.actionId));
  const fieldPermissions: AdminPermission[] = strapi
    .service('admin::content-type')
    .getPermissionsWithNestedFields(actions)
    .filter((permission: AdminPermission) => EDITORIAL_TYPE_UIDS.includes(permission.subject as string));
  const localeCodes = (await strapi.plugin('i18n').service('locales').find()).map(
    (l: { code: string }) => l.code,
  );
  const wanted: AdminPermission[] = [
    ...fieldPermissions.map((permission) => {
      const model = strapi.getModel(permission.subject as never) as {
        pluginOptions?: { i18n?: { localized?: boolean } };
      };
      const localized = model?.pluginOptions?.i18n?.localized === true;
      return localized
        ? { ...permission, properties: { ...permission.properties, locales: localeCodes } }
        : permission;
    }),
    ...MEDIA_ACTIONS.map((action) => ({ action, subject: null, properties: {}, conditions: [] })),
  ];
  const existing: (AdminPermission & { id: number })[] = await permissionService.findMany({
    where: { role: { id: role.id } },
  });
  const key = (permission: AdminPermission) => `${permission.action}|${permission.subject ?? ''}`;
  const have = new Map(existing.map((permission) => [key(permission), permission]));
  const missing = wanted.filter((permission) => !have.has(key(permission)));
  if (missing.length > 0) await roles.addPermissions(role.id, missing);
  // Strapi gives the role it creates on an empty database the locales of that moment (English only, before
  // German was added): widen every permission of ours to every locale.
  for (const permission of wanted) {
    const locales = permission.properties?.locales as string[] | undefined;
    const current = have.get(key(permission));
    if (!locales || !current) continue;
    const given = (current.properties?.locales as string[] | undefined) ?? [];
    if (locales.every((code) => given.includes(code))) continue;
    await strapi.db.query('admin::permission').update({
      where: { id: current.id },
      data: { properties: { ...current.properties, locales } },
    });
  }
}
