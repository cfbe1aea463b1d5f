import type { Core } from '@strapi/strapi';

/**
 * A value Strapi reads on every request and that changes only when an admin edits a setting (the public role's
 * permissions, the default locale), kept for a few seconds. A change through this CMS clears it at once; a change
 * on another replica shows after at most `ttlMs`.
 *
 * Only loaded values are shared, never a pending load: a load started outside a transaction waits for a pooled
 * connection, and a Document Service transaction that awaited it would hold its connection meanwhile — with
 * SQLite's single connection (or an exhausted pool) neither could go on. Concurrent misses each load.
 */
export class SettingsCache<T> {
  private value: { at: number; result: T } | null = null;
  private generation = 0;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly ttlMs = 5000,
  ) {}

  async get(): Promise<T> {
    if (this.value && Date.now() - this.value.at <= this.ttlMs) return this.value.result;
    const started = this.generation;
    const result = await this.load();
    // A clear() while loading means the result may be stale: use it, do not keep it.
    if (started === this.generation) this.value = { at: Date.now(), result };
    return result;
  }

  clear(): void {
    this.generation += 1;
    this.value = null;
  }

  /** `change`, then a clear — also when it fails half-way. */
  async clearingAfter<R>(change: () => Promise<R>): Promise<R> {
    try {
      return await change();
    } finally {
      this.clear();
    }
  }
}

interface SettingsCaches {
  publicPermissions?: SettingsCache<unknown>;
  defaultLocale?: SettingsCache<unknown>;
}

const cachesByStrapi = new WeakMap<object, SettingsCaches>();

/** The caches of one Strapi instance (the service extensions fill them, see src/extensions). */
export function settingsCachesOf(strapi: object): SettingsCaches {
  let caches = cachesByStrapi.get(strapi);
  if (!caches) cachesByStrapi.set(strapi, (caches = {}));
  return caches;
}

/** What the cached values are read from: any write to these clears them. */
const PERMISSION_MODELS = new Set(['plugin::users-permissions.permission', 'plugin::users-permissions.role']);
const CORE_STORE = 'strapi::core-store';
const WRITES = new Set([
  'afterCreate',
  'afterCreateMany',
  'afterUpdate',
  'afterUpdateMany',
  'afterDelete',
  'afterDeleteMany',
]);

/**
 * Clears the caches after every database write to what they hold, whichever code path writes it (the admin's
 * role editor, users-permissions' own sync at start, our bootstrap, i18n's default-locale setting).
 */
export function clearSettingsCachesOnWrite(strapi: Core.Strapi): void {
  strapi.db.lifecycles.subscribe((event) => {
    if (!WRITES.has(event.action)) return;
    const caches = settingsCachesOf(strapi);
    if (PERMISSION_MODELS.has(event.model.uid)) caches.publicPermissions?.clear();
    if (event.model.uid === CORE_STORE) caches.defaultLocale?.clear();
  });
}

type Service = Record<string, unknown>;
type ServiceFactory = (deps: { strapi: Core.Strapi }) => Service;

/**
 * A plugin's service factory whose `method` (a load without arguments) answers from the Strapi instance's cache
 * `key` — for the plugins' own extension files (src/extensions/<plugin>/strapi-server.ts).
 */
export function withCachedMethod<F extends ServiceFactory>(
  factory: F,
  method: string,
  key: keyof SettingsCaches,
): ServiceFactory {
  return (deps) => {
    const service = factory(deps);
    const load = service[method];
    if (typeof load !== 'function') return service;
    const caches = settingsCachesOf(deps.strapi);
    const cache = (caches[key] ??= new SettingsCache(() => Promise.resolve(load.call(service) as unknown)));
    return { ...service, [method]: () => cache.get() };
  };
}
