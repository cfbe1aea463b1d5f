import { describe, expect, it } from 'vitest';
import { isSameOriginSubmission } from './same-origin';

const post = (headers: Record<string, string>, method = 'POST') =>
  new Request('http://127.0.0.1:3000/anmelden', {
    method,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: 'email=a',
  });

describe('a form post', () => {
  it('is accepted from the page on either address npm start prints', () => {
    for (const host of ['127.0.0.1:3000', 'localhost:3000'])
      expect(isSameOriginSubmission(post({ host, origin: `http://${host}` }), undefined)).toBe(true);
  });

  it('is refused from another site, another port, or without an origin', () => {
    const host = '127.0.0.1:3000';
    for (const origin of ['http://evil.example', 'http://127.0.0.1:3001', 'null', 'file://x'])
      expect(isSameOriginSubmission(post({ host, origin }), undefined)).toBe(false);
    expect(isSameOriginSubmission(post({ host }), undefined)).toBe(false);
  });

  it('behind the proxy, is accepted from the public origin only', () => {
    const configured = 'https://stadtnetz.example.org';
    expect(
      isSameOriginSubmission(post({ host: 'stadtnetz.example.org', origin: configured }), configured),
    ).toBe(true);
    // The Host header is the proxy's to set; with ORIGIN given, it does not decide.
    expect(
      isSameOriginSubmission(post({ host: 'evil.example', origin: 'http://evil.example' }), configured),
    ).toBe(false);
  });

  it('does not concern reads and JSON requests', () => {
    const get = new Request('http://127.0.0.1:3000/projekte');
    expect(isSameOriginSubmission(get, undefined)).toBe(true);
    const json = new Request('http://127.0.0.1:3000/x', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: '{}',
    });
    expect(isSameOriginSubmission(json, undefined)).toBe(true);
  });
});
