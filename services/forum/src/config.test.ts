import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults: port 4001, embedded database, in-memory events', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4001, databaseUrl: undefined, redisUrl: undefined });
    expect(config.dataDir).toMatch(/services\/forum\/\.data$/);
  });

  it('fails fast with a clear message on bad values', () => {
    expect(() => loadConfig({ FORUM_PORT: 'vierzig' })).toThrow(ConfigError);
    expect(() => loadConfig({ FORUM_PORT: 'vierzig' })).toThrow('FORUM_PORT must be an integer');
    expect(() => loadConfig({ FORUM_DATABASE_URL: 'mysql://x' })).toThrow(
      'FORUM_DATABASE_URL must start with postgres:',
    );
    expect(() => loadConfig({ REDIS_URL: 'not a url' })).toThrow('REDIS_URL is not a valid URL');
  });

  it('reads admin e-mail addresses case-insensitively', () => {
    expect([...loadConfig({ FORUM_ADMIN_EMAILS: ' Admin@Example.org , b@example.org' }).adminEmails]).toEqual(
      ['admin@example.org', 'b@example.org'],
    );
  });
});
