import type { Core } from '@strapi/strapi';
import { SettingsCache, settingsCachesOf } from '../../features/caching/settings-cache';

/**
 * i18n reads the default locale from the core store on every request that names no locale; it changes only
 * when an admin sets it, so it is kept for a few seconds (features/caching/settings-cache.ts).
 */
type Service = Record<string, unknown> & { getDefaultLocale: () => Promise<unknown> };
type ServiceFactory = (deps: { strapi: Core.Strapi }) => Service;

interface Plugin {
  services: Record<string, ServiceFactory>;
}

export default (plugin: Plugin): Plugin => {
  const locales = plugin.services.locales;
  if (!locales) return plugin;
  plugin.services.locales = (deps) => {
    const service = locales(deps);
    const caches = settingsCachesOf(deps.strapi);
    const cache = (caches.defaultLocale ??= new SettingsCache(() => service.getDefaultLocale()));
    return { ...service, getDefaultLocale: () => cache.get() };
  };
  return plugin;
};
