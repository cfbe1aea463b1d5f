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

  it('documents its limits and the CMS it asks, with defaults', () => {
    expect(loadConfig({})).toMatchObject({
      trustProxy: 'loopback',
      signInLimits: { perAccount: 5, perAddress: 30, windowSeconds: 900 },
      registrationLimits: { perAddress: 20, windowSeconds: 3600 },
      passwordHashing: { concurrency: 2, maxQueue: 32 },
      cmsUrl: 'http://127.0.0.1:1337',
      cmsTimeoutMs: 5000,
    });
    expect(loadConfig({ CMS_URL: 'https://cms.example.org/' }).cmsUrl).toBe('https://cms.example.org');
    expect(() => loadConfig({ CMS_URL: 'ftp://cms' })).toThrow('CMS_URL must start with http: or https:');
    expect(() => loadConfig({ FORUM_PASSWORD_HASH_CONCURRENCY: '0' })).toThrow(ConfigError);
  });

  it('reads FORUM_TRUST_PROXY as Express does, and refuses what is not an address', () => {
    expect(loadConfig({ FORUM_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ FORUM_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ FORUM_TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback,10.0.0.0/8');
    expect(() => loadConfig({ FORUM_TRUST_PROXY: 'the gateway' })).toThrow('FORUM_TRUST_PROXY must be');
  });
});

describe('mail configuration', () => {
  it('defaults to MailDev on 127.0.0.1:1025 and the website on port 3000', () => {
    expect(loadConfig({}).mail).toMatchObject({
      smtpUrl: 'smtp://127.0.0.1:1025',
      websiteUrl: 'http://127.0.0.1:3000',
      from: { address: 'no-reply@stadtnetz.localhost' },
    });
  });

  it('reads a relay and a sender, and refuses bad ones at start', () => {
    const config = loadConfig({
      SMTP_URL: 'smtps://user:secret@relay.example.org:465',
      MAIL_FROM: 'Stadtnetz <post@example.org>',
    });
    expect(config.mail.smtpUrl).toBe('smtps://user:secret@relay.example.org:465');
    expect(config.mail.from).toEqual({ name: 'Stadtnetz', address: 'post@example.org' });
    expect(loadConfig({ MAIL_FROM: 'post@example.org' }).mail.from).toEqual({
      name: '',
      address: 'post@example.org',
    });
    expect(() => loadConfig({ SMTP_URL: 'http://relay' })).toThrow(
      'SMTP_URL must start with smtp: or smtps:',
    );
    expect(() => loadConfig({ SMTP_URL: 'kein url' })).toThrow('SMTP_URL is not a valid URL');
    expect(() => loadConfig({ MAIL_FROM: 'Stadtnetz' })).toThrow('MAIL_FROM must be');
    expect(() => loadConfig({ MAIL_FROM: 'a <b>' })).toThrow('MAIL_FROM must be');
    expect(() => loadConfig({ MAIL_RETRY_BASE_MS: '-1' })).toThrow('MAIL_RETRY_BASE_MS must be an integer');
  });
});
