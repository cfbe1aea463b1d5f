import { previewTypeOf, previewUrl } from '../src/features/preview/preview-link';
import { secret } from './secrets';
import stadtnetz from './stadtnetz';

/**
 * Strapi's preview button ("Vorschau") opens the draft on the website: the handler gives the website's
 * `/vorschau/…` address with a signed, expiring link (see src/features/preview). Without PREVIEW_SECRET or
 * WEBSITE_URL there is no preview button.
 */
function previewConfig(env: EnvFn) {
  const { websiteUrl, secret: previewSecret, ttlSeconds } = stadtnetz({ env }).preview;
  if (!websiteUrl || !previewSecret) return { enabled: false };
  return {
    enabled: true,
    config: {
      allowedOrigins: [new URL(websiteUrl).origin],
      handler(
        uid: string,
        {
          documentId,
          locale,
          status,
        }: { documentId: string; locale?: string | null; status?: string | null },
      ) {
        const type = previewTypeOf(uid);
        if (!type || !documentId) return null;
        return previewUrl(
          websiteUrl,
          previewSecret,
          {
            type,
            documentId,
            locale: locale || 'de',
            status: status === 'published' ? 'published' : 'draft',
          },
          ttlSeconds,
        );
      },
    },
  };
}

export default ({ env }: { env: EnvFn }) => ({
  auth: { secret: secret('ADMIN_JWT_SECRET') },
  apiToken: { salt: secret('API_TOKEN_SALT') },
  transfer: { token: { salt: secret('TRANSFER_TOKEN_SALT') } },
  secrets: { encryptionKey: secret('ENCRYPTION_KEY') },
  // Both flags make the admin panel contact Strapi's servers; this network has none to reach.
  flags: { nps: false, promoteEE: false },
  autoOpen: false,
  preview: previewConfig(env),
});
