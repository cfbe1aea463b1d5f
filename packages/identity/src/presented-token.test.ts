import { describe, expect, it } from 'vitest';
import {
  authorizationFromConnectionParams,
  authorizationFromCookie,
  authorizationFromExtensions,
  readAuthorization,
} from './presented-token.js';

describe('readAuthorization', () => {
  it.each([undefined, null, '', '   '])('reads %j as no token', (value) => {
    expect(readAuthorization(value)).toEqual({ kind: 'none' });
  });

  it.each(['Bearer abc', 'bearer abc', '  BEARER   abc  '])('reads %j as the bearer token', (value) => {
    expect(readAuthorization(value)).toEqual({ kind: 'bearer', token: 'abc' });
  });

  it.each([['Basic abc'], ['Bearer'], ['Bearer a b'], ['abc'], [42], [{ token: 'abc' }], [['Bearer abc']]])(
    'reads %j as malformed, not as anonymous',
    (value) => {
      expect(readAuthorization(value)).toEqual({ kind: 'malformed' });
    },
  );
});

describe('where a request carries the token', () => {
  it('takes connection parameters in either case, or a bare token', () => {
    expect(authorizationFromConnectionParams({ authorization: 'Bearer a' })).toBe('Bearer a');
    expect(authorizationFromConnectionParams({ Authorization: 'Bearer b' })).toBe('Bearer b');
    expect(authorizationFromConnectionParams({ token: 'c' })).toBe('Bearer c');
    expect(authorizationFromConnectionParams({ token: 7 })).toBe(7);
    expect(authorizationFromConnectionParams({})).toBeUndefined();
    expect(authorizationFromConnectionParams(undefined)).toBeUndefined();
  });

  it('reads the gateway’s per-operation extension', () => {
    expect(authorizationFromExtensions({ authorization: 'Bearer d' })).toBe('Bearer d');
    expect(authorizationFromExtensions(undefined)).toBeUndefined();
  });

  it('finds the session cookie among others, and only that one', () => {
    expect(authorizationFromCookie('theme=dark; stadtnetz_session=eyJ%2Eabc; x=1')).toBe('Bearer eyJ.abc');
    expect(authorizationFromCookie('stadtnetz_session=t')).toBe('Bearer t');
    expect(authorizationFromCookie('not_stadtnetz_session=t')).toBeUndefined();
    expect(authorizationFromCookie('stadtnetz_session=')).toBeUndefined();
    expect(authorizationFromCookie(undefined)).toBeUndefined();
  });

  it('makes an undecodable cookie malformed, not anonymous', () => {
    expect(readAuthorization(authorizationFromCookie('stadtnetz_session=%E0%A4%A'))).toEqual({
      kind: 'malformed',
    });
  });
});
