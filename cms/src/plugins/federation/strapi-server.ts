import type { Core } from '@strapi/strapi';
import { registerFederation } from './server/register';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerFederation(strapi);
  },
};
