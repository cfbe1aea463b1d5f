import { factories } from '@strapi/strapi';
import { restDraftGuard } from '../../../features/drafts/draft-guard';

export default factories.createCoreRouter('api::city.city', {
  config: {
    find: { middlewares: [restDraftGuard] },
    findOne: { middlewares: [restDraftGuard] },
  },
});
