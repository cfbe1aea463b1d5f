import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::action-field.action-field');
