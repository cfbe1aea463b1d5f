import { factories } from '@strapi/strapi';

// No REST route: feedback arrives through the GraphQL mutation submitAccessibilityFeedback and is read by editors
// in the admin only.
export default factories.createCoreRouter('api::accessibility-feedback.accessibility-feedback', { only: [] });
