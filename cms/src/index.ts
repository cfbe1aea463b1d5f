import type { Core } from '@strapi/strapi';
import { ensureEditorRole } from './features/bootstrap/editor-role';
import { ensureFirstAdmin } from './features/bootstrap/first-admin';
import { ensureLocales } from './features/bootstrap/locales';
import { ensurePublicPermissions } from './features/bootstrap/public-permissions';
import { registerContentEvents } from './features/content-events/content-events';
import { registerGraphqlExtension } from './features/graphql/extension';
import { cacheRepeatedLookups } from './features/caching/read-caches';
import { registerHealthRoute } from './features/health/health';
import { createMemberStrategy } from './features/member-auth/member-strategy';
import { createMemberTokenVerifier } from './features/member-auth/member-token';
import { ensureSearchIndex } from './features/search/project-search';
import { seedDemoContent } from './features/seed/seed';
import { settings } from './features/settings';
import { closeSubmissionLimit } from './features/submission/submission.graphql';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    const config = settings(strapi);
    const verifier = createMemberTokenVerifier({
      jwksUrl: config.forumJwksUrl,
      issuer: config.tokenIssuer,
      audience: config.tokenAudience,
    });
    // Registered after users-permissions and API tokens, so it only sees tokens they do not know.
    strapi.get('auth').register('content-api', createMemberStrategy(strapi, verifier));
    registerGraphqlExtension(strapi);
    registerContentEvents(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    registerHealthRoute(strapi);
    await ensureLocales(strapi);
    await ensurePublicPermissions(strapi);
    await ensureEditorRole(strapi);
    await ensureFirstAdmin(strapi);
    await ensureSearchIndex(strapi);
    if (settings(strapi).seedDemo) await seedDemoContent(strapi);
    cacheRepeatedLookups(strapi);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await closeSubmissionLimit(strapi);
  },
};
