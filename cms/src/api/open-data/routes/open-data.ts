import { factories } from '@strapi/strapi';

// Read only for the public (features/bootstrap/public-permissions); editors write in the admin.
export default factories.createCoreRouter('api::open-data.open-data', {
  only: ['find'],
});
