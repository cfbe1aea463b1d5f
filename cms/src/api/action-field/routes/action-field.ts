import { factories } from '@strapi/strapi';
import { restDraftGuard } from '../../../features/drafts/draft-guard';
import { restPaginationGuard } from '../../../features/rest/pagination-guard';

export default factories.createCoreRouter('api::action-field.action-field', {
  config: {
    find: { middlewares: [restDraftGuard, restPaginationGuard] },
    findOne: { middlewares: [restDraftGuard] },
  },
});
