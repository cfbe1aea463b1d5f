import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { withCachedMethod } from '../../features/caching/settings-cache';

/**
 * Strapi's users-permissions plugin stays for what the CMS needs of it — the public role and its permissions,
 * which decide what anonymous callers may read — but nobody signs in to the content API: members sign in
 * through the forum (its tokens are checked by features/member-auth), editors in the admin. So its content-API
 * routes are gone (register, sign-in, forgotten and reset password, e-mail confirmation, providers, sessions,
 * users, roles, permissions answer 404), and the controller actions behind them refuse, which also refuses
 * the GraphQL mutations that call them (`register`, `login`, `forgotPassword`, `resetPassword`,
 * `emailConfirmation`, `changePassword`) with FORBIDDEN.
 */
const AUTH_ACTIONS = [
  'callback',
  'register',
  'forgotPassword',
  'resetPassword',
  'emailConfirmation',
  'sendEmailConfirmation',
  'changePassword',
  'connect',
  'refresh',
  'logout',
  'getSessions',
  'revokeSession',
];

type Controller = Record<string, unknown>;
/** Strapi accepts a controller object or a factory of one. */
type ControllerEntry = Controller | ((deps: unknown) => Controller);

type ServiceFactory = (deps: { strapi: Core.Strapi }) => Record<string, unknown>;

interface Plugin {
  routes: Record<string, { routes?: unknown[] }>;
  controllers: Record<string, ControllerEntry>;
  services: Record<string, ServiceFactory>;
}

export const switchedOff = () => {
  throw new errors.ForbiddenError(
    'Signing in to the CMS content API is switched off: members sign in through the forum',
  );
};

export default (plugin: Plugin): Plugin => {
  const contentApi = plugin.routes['content-api'];
  if (contentApi) contentApi.routes = [];
  const auth = plugin.controllers.auth;
  const refusals = Object.fromEntries(AUTH_ACTIONS.map((action) => [action, switchedOff]));
  if (typeof auth === 'function')
    plugin.controllers.auth = (deps: unknown) => ({ ...auth(deps), ...refusals });
  else if (auth) plugin.controllers.auth = { ...auth, ...refusals };
  // Every anonymous request loads the public role's permissions; they change only when an admin edits the role,
  // so they are kept for a few seconds (features/caching/settings-cache.ts).
  const permission = plugin.services.permission;
  if (permission)
    plugin.services.permission = withCachedMethod(permission, 'findPublicPermissions', 'publicPermissions');
  return plugin;
};
