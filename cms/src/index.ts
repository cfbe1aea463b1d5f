import type { Core } from '@strapi/strapi';
import { clearSettingsCachesOnWrite } from './features/caching/settings-cache';
import { applyGermanLabels } from './features/admin/content-manager-labels';
import { ensureEditorAccount } from './features/bootstrap/editor-account';
import { ensureEditorRole } from './features/bootstrap/editor-role';
import { ensureFirstAdmin } from './features/bootstrap/first-admin';
import { ensureLocales } from './features/bootstrap/locales';
import { ensurePublicPermissions } from './features/bootstrap/public-permissions';
import { contentEventsDelivered, registerContentEvents } from './features/content-events/content-events';
import { registerPublishedOnlyReads } from './features/drafts/draft-guard';
import { registerGraphqlExtension } from './features/graphql/extension';
import { registerHealthRoute } from './features/health/health';
import { createMemberStrategy } from './features/member-auth/member-strategy';
import { createMemberTokenVerifier } from './features/member-auth/member-token';
import { ensurePages } from './features/pages/ensure-pages';
import { ensureOpenData } from './features/open-data/ensure-open-data';
import { ensureRemovalsTable, registerRemovals } from './features/mirroring/mirroring';
import { registerPreviewRoute } from './features/preview/preview-route';
import { ensureReadModel, readModelIdle, registerReadModel } from './features/read-model/project-listing';
import { seedDemoContent } from './features/seed/seed';
import { settings } from './features/settings';
import { registerUrlValidation } from './features/validation/http-url';
import { closeSubmissionLimit } from './features/submission/submission.graphql';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    const config = settings(strapi);
    const verifier = createMemberTokenVerifier({ jwksUrl: config.forumJwksUrl });
    // Registered after users-permissions and API tokens, so it only sees tokens they do not know.
    strapi.get('auth').register('content-api', createMemberStrategy(strapi, verifier));
    registerPublishedOnlyReads(strapi);
    registerUrlValidation(strapi);
    registerGraphqlExtension(strapi);
    registerContentEvents(strapi);
    registerRemovals(strapi);
    registerReadModel(strapi);
    clearSettingsCachesOnWrite(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    registerHealthRoute(strapi);
    registerPreviewRoute(strapi);
    await ensureLocales(strapi);
    await ensurePublicPermissions(strapi);
    await ensureEditorRole(strapi);
    await ensureFirstAdmin(strapi);
    await ensureEditorAccount(strapi);
    await applyGermanLabels(strapi);
    await ensurePages(strapi);
    await ensureOpenData(strapi);
    await ensureRemovalsTable(strapi);
    if (settings(strapi).seedDemo) await seedDemoContent(strapi);
    await ensureReadModel(strapi);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await readModelIdle(strapi);
    await contentEventsDelivered(strapi);
    await closeSubmissionLimit(strapi);
  },
};
