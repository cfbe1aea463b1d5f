/**
 * Strapi's secrets from the environment, with development defaults so that `npm start` works on a bare machine
 * without a `.env`. In production every secret must come from the environment: we fail fast instead of
 * running with a publicly known key.
 */
export function secret(name: string): string {
  const value = process.env[name];
  if (value) return value;
  if (process.env.NODE_ENV === 'production') {
    throw new Error(`Missing secret ${name}: set it in the environment (see cms/.env.example)`);
  }
  return `stadtnetz-dev-only-${name.toLowerCase()}`;
}

export function secretList(name: string): string[] {
  return secret(name)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
