import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::easy-language.easy-language');
