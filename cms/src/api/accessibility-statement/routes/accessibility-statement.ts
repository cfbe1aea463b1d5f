import { factories } from '@strapi/strapi';
import { restDraftGuard } from '../../../features/drafts/draft-guard';

// Read only for the public (features/bootstrap/public-permissions); editors write in the admin.
export default factories.createCoreRouter('api::accessibility-statement.accessibility-statement', {
  only: ['find'],
  config: { find: { middlewares: [restDraftGuard] } },
});
