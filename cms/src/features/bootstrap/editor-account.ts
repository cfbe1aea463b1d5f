import type { Core } from '@strapi/strapi';
import { settings } from '../settings';
import { EDITOR_ROLE_CODE } from './editor-role';

/** The admin's interface language for the accounts the CMS creates (English stays selectable in the profile). */
export const ADMIN_LANGUAGE = 'de';

/**
 * Creates the everyday editor account from EDITOR_EMAIL / EDITOR_PASSWORD with the Editor role (content and media;
 * no roles, plugins or settings) and German as its interface language, once: when no admin user has that address.
 * Run after ensureEditorRole.
 */
export async function ensureEditorAccount(
  strapi: Core.Strapi,
): Promise<'created' | 'exists' | 'not-configured'> {
  const { email, password, firstname, lastname } = settings(strapi).editor;
  if (!email || !password) return 'not-configured';
  const address = email.toLowerCase();
  const existing = await strapi.db.query('admin::user').findOne({ where: { email: address } });
  if (existing) return 'exists';
  const role = await strapi.service('admin::role').findOne({ code: EDITOR_ROLE_CODE });
  if (!role) throw new Error('The Editor role is missing; cannot create the editor account');
  await strapi.service('admin::user').create({
    email: address,
    firstname,
    lastname,
    password,
    isActive: true,
    registrationToken: null,
    preferedLanguage: ADMIN_LANGUAGE,
    roles: [role.id],
  });
  strapi.log.info(`Created the editor account ${address}`);
  return 'created';
}
