import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::action-field.action-field');
