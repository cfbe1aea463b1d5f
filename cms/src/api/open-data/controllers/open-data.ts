import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::open-data.open-data');
