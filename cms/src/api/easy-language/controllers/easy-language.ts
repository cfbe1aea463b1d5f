import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::easy-language.easy-language');
