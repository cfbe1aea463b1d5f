import { factories } from '@strapi/strapi';
import { restDraftGuard } from '../../../features/drafts/draft-guard';

export default factories.createCoreRouter('api::organisation.organisation', {
  config: {
    find: { middlewares: [restDraftGuard] },
    findOne: { middlewares: [restDraftGuard] },
  },
});
