import { secret } from './secrets';

export default () => ({
  auth: { secret: secret('ADMIN_JWT_SECRET') },
  apiToken: { salt: secret('API_TOKEN_SALT') },
  transfer: { token: { salt: secret('TRANSFER_TOKEN_SALT') } },
  secrets: { encryptionKey: secret('ENCRYPTION_KEY') },
  // Both flags make the admin panel contact Strapi's servers; this network has none to reach.
  flags: { nps: false, promoteEE: false },
  autoOpen: false,
});
