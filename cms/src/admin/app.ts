import { ADMIN_LOCALES, preferGerman } from './admin-language';
import { turnOffGuidedTour } from './guided-tour';
import { WorkshopRegistrationsPanel } from './workshop-registrations';

/** Admin panel customisation (Strapi runs `bootstrap` before the admin renders). */
export default {
  // German for the editors; English (always there) stays selectable.
  config: { locales: ADMIN_LOCALES },
  bootstrap(app: {
    getPlugin(name: 'content-manager'): { apis: { addEditViewSidePanel(panels: unknown[]): void } };
  }) {
    app.getPlugin('content-manager').apis.addEditViewSidePanel([WorkshopRegistrationsPanel]);
    try {
      turnOffGuidedTour(window.localStorage);
      preferGerman(window.localStorage);
    } catch {
      // No localStorage (private mode with storage blocked): Strapi then keeps its state in memory only.
    }
  },
};
