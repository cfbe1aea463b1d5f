import type { Core } from '@strapi/strapi';

/**
 * Two lookups Strapi repeats on every anonymous GraphQL request, cached for a few seconds:
 * the public role's permissions (users-permissions) and the default locale (i18n). Both change only when an
 * admin edits settings; a change here clears the cache at once, a change on another replica is seen after
 * at most `ttlMs`.
 */
export function cacheRepeatedLookups(strapi: Core.Strapi, ttlMs = 5000): void {
  const permissions = strapi.plugin('users-permissions').service('permission') as Record<
    string,
    (...args: unknown[]) => unknown
  >;
  const locales = strapi.plugin('i18n').service('locales') as Record<string, (...args: unknown[]) => unknown>;

  /**
   * Only loaded values are shared, never a pending load: a load started outside a transaction waits for a pooled
   * connection, and a Document Service transaction that awaited it would hold its connection meanwhile — with
   * SQLite's single connection (or an exhausted pool) neither could go on. Concurrent misses each load.
   */
  const cached = <T>(load: () => Promise<T>) => {
    let value: { at: number; result: T } | null = null;
    let generation = 0;
    const get = async (): Promise<T> => {
      if (value && Date.now() - value.at <= ttlMs) return value.result;
      const started = generation;
      const result = await load();
      // A clear() while loading means the result may be stale: use it, do not keep it.
      if (started === generation) value = { at: Date.now(), result };
      return result;
    };
    const clear = () => {
      generation += 1;
      value = null;
    };
    return { get, clear };
  };

  const findPublicPermissions = permissions.findPublicPermissions?.bind(permissions);
  if (findPublicPermissions) {
    const publicPermissions = cached(() => Promise.resolve(findPublicPermissions()));
    permissions.findPublicPermissions = () => publicPermissions.get();
    // Any permission or role edit in the admin goes through these.
    for (const name of [
      'updateRole',
      'createRole',
      'deleteRole',
      'syncPermissions',
      'resetSuperAdminPermissions',
    ]) {
      const original = permissions[name]?.bind(permissions);
      if (original)
        permissions[name] = async (...args: unknown[]) => {
          publicPermissions.clear();
          return original(...args);
        };
    }
    const roles = strapi.plugin('users-permissions').service('role') as Record<
      string,
      (...args: unknown[]) => unknown
    >;
    for (const name of ['updateRole', 'createRole', 'deleteRole']) {
      const original = roles[name]?.bind(roles);
      if (original)
        roles[name] = async (...args: unknown[]) => {
          try {
            return await original(...args);
          } finally {
            publicPermissions.clear();
          }
        };
    }
  }

  const getDefaultLocale = locales.getDefaultLocale?.bind(locales);
  const setDefaultLocale = locales.setDefaultLocale?.bind(locales);
  if (getDefaultLocale && setDefaultLocale) {
    const defaultLocale = cached(() => Promise.resolve(getDefaultLocale()));
    locales.getDefaultLocale = () => defaultLocale.get();
    locales.setDefaultLocale = async (...args: unknown[]) => {
      try {
        return await setDefaultLocale(...args);
      } finally {
        defaultLocale.clear();
      }
    };
  }
}
