import { factories } from '@strapi/strapi';
import { restDraftGuard } from '../../../features/drafts/draft-guard';

export default factories.createCoreRouter('api::project.project', {
  config: {
    find: { middlewares: [restDraftGuard] },
    findOne: { middlewares: [restDraftGuard] },
  },
});
