import type { Core } from '@strapi/strapi';
import { settings } from '../settings';
import { ADMIN_LANGUAGE } from './editor-account';

/**
 * Creates the first admin user (a super admin) from ADMIN_EMAIL / ADMIN_PASSWORD when the CMS has no admin
 * user yet, so that a fresh deployment needs no click through the registration screen.
 */
export async function ensureFirstAdmin(
  strapi: Core.Strapi,
): Promise<'created' | 'exists' | 'not-configured'> {
  const { email, password, firstname, lastname } = settings(strapi).admin;
  if (!email || !password) return 'not-configured';
  const users = strapi.service('admin::user');
  if (await users.exists()) return 'exists';
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  if (!superAdmin) throw new Error('The super admin role is missing; cannot create the first admin');
  await users.create({
    email: email.toLowerCase(),
    firstname,
    lastname,
    password,
    isActive: true,
    registrationToken: null,
    preferedLanguage: ADMIN_LANGUAGE,
    roles: [superAdmin.id],
  });
  strapi.log.info(`Created the first admin user ${email}`);
  return 'created';
}
