import type { Core } from '@strapi/strapi';
import { withCachedMethod } from '../../features/caching/settings-cache';

/**
 * i18n reads the default locale from the core store on every request that names no locale; it changes only
 * when an admin sets it, so it is kept for a few seconds (features/caching/settings-cache.ts).
 */
interface Plugin {
  services: Record<string, (deps: { strapi: Core.Strapi }) => Record<string, unknown>>;
}

export default (plugin: Plugin): Plugin => {
  const locales = plugin.services.locales;
  if (locales) plugin.services.locales = withCachedMethod(locales, 'getDefaultLocale', 'defaultLocale');
  return plugin;
};
