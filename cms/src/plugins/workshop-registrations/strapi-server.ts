import type { Core } from '@strapi/strapi';
import { registrationsController } from './server/registrations-controller';

/**
 * Admin routes (signed-in editors only, with the right to read or change workshops: checked per request in the
 * controller, against the workshop content type) that pass the editors'
 * requests on to the forum, which keeps the registrations: /workshop-registrations/workshops/:documentId/…
 */
export default {
  routes: {
    admin: {
      type: 'admin',
      routes: [
        {
          method: 'GET',
          path: '/workshops/:documentId/registrations',
          handler: 'registrations.list',
          config: { policies: ['admin::isAuthenticatedAdmin'] },
        },
        {
          method: 'GET',
          path: '/workshops/:documentId/registrations.csv',
          handler: 'registrations.csv',
          config: { policies: ['admin::isAuthenticatedAdmin'] },
        },
        {
          method: 'POST',
          path: '/workshops/:documentId/registrations/:registrationId',
          handler: 'registrations.act',
          config: { policies: ['admin::isAuthenticatedAdmin'] },
        },
      ],
    },
  },
  controllers: {
    registrations: ({ strapi }: { strapi: Core.Strapi }) => registrationsController(strapi),
  },
};
