import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { bearerToken, type Member, type MemberTokenFailure, type MemberTokenVerifier } from './member-token';

/** What a request knows about its member, on `ctx.state.member`. */
export interface MemberState {
  member: Member | null;
  failure: MemberTokenFailure | 'missing';
}

interface Ability {
  can(action: string): boolean;
}

/**
 * A content-API auth strategy for requests that carry a forum token instead of a Strapi token.
 *
 * Strapi's own strategies (users-permissions, API tokens) run first. A bearer token they do not know would
 * otherwise end the request with 401 — even a public read forwarded by the gateway with the member's token.
 * This strategy comes last: it records the member (or why the token failed) and grants exactly the public
 * role's permissions, so a forum token never widens access to content; only `submitProject` and
 * `mySubmissions` read the member.
 */
export function createMemberStrategy(strapi: Core.Strapi, verifier: MemberTokenVerifier) {
  const publicAbility = async (): Promise<Ability> => {
    const permissionService = strapi.plugin('users-permissions').service('permission');
    const permissions = (await permissionService.findPublicPermissions()).map(
      permissionService.toContentAPIPermission,
    );
    return (await strapi.contentAPI.permissions.engine.generateAbility(permissions)) as unknown as Ability;
  };

  return {
    name: 'stadtnetz-member',
    async authenticate(ctx: {
      request: { header: { authorization?: string } };
      state: Record<string, unknown>;
    }) {
      const token = bearerToken(ctx.request.header.authorization);
      if (!token) return { authenticated: false };
      const result = await verifier.verify(token);
      const state: MemberState =
        'member' in result
          ? { member: result.member, failure: 'missing' }
          : { member: null, failure: result.failure };
      ctx.state.member = state;
      return { authenticated: true, credentials: null, ability: await publicAbility() };
    },
    verify(auth: { ability?: Ability | null }, config: { scope?: string | string[] }) {
      if (!config.scope || !auth.ability) throw new errors.UnauthorizedError();
      const scopes = Array.isArray(config.scope) ? config.scope : [config.scope];
      if (!scopes.every((scope) => auth.ability?.can(scope))) throw new errors.ForbiddenError();
    },
  };
}

/** The member state of a request without a forum token, or with one the strategy never saw. */
export function memberState(state: Record<string, unknown> | undefined): MemberState {
  const value = state?.member as MemberState | undefined;
  return value ?? { member: null, failure: 'missing' };
}
