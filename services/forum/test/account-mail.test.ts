import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, startTestForum, type TestForum } from './forum.js';
import { SmtpSink } from './smtp-sink.js';

let sink: SmtpSink;
let forum: TestForum;
beforeAll(async () => {
  sink = await SmtpSink.start();
  forum = await startTestForum({
    mail: { smtpUrl: sink.url, limits: { perAccount: 3, perAddress: 50, windowSeconds: 3600 } },
  });
});
afterAll(async () => {
  await forum?.close();
  await sink?.close();
});

const PASSWORD = 'ein sicheres Passwort';
const REGISTER =
  'mutation ($input: RegisterMemberInput!) { registerMember(input: $input) { email mailSent } }';
const SIGN_IN =
  'mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password) { token member { id } } }';
const VERIFY =
  'mutation ($token: String!) { verifyEmail(token: $token) { token member { id emailVerified } } }';
const RESET_REQUEST = 'mutation ($email: String!) { requestPasswordReset(email: $email) }';
const RESET =
  'mutation ($token: String!, $password: String!) { resetPassword(token: $token, newPassword: $password) { token member { id } } }';

let lastAddress = 0;
const clientAddress = () => ({ 'x-forwarded-for': `203.0.113.${++lastAddress}` });

async function registerFresh(locale?: 'de' | 'en') {
  const email = `${randomUUID()}@example.org`;
  const result = await forum.ok(REGISTER, {
    input: {
      email,
      password: PASSWORD,
      displayName: 'Neue Nutzerin',
      sector: 'SOZIALWESEN',
      ...(locale ? { locale } : {}),
    },
  });
  expect(result.registerMember).toEqual({ email, mailSent: true });
  const signedIn = await forum.ok(SIGN_IN, { email, password: PASSWORD });
  return { email, token: signedIn.signIn.token as string, id: signedIn.signIn.member.id as string };
}

const tokenOf = (link: string) => link.split('/').at(-1)!;
/** The mails to an address with this subject (forum.register's members got their verification mail too). */
const mailsTo = (email: string, subject: string) => sink.to(email).filter((mail) => mail.subject === subject);

describe(`verification at registration (${backend})`, () => {
  it('mails a link; until it is opened the member reads and signs in but cannot post; then can', async () => {
    const member = await registerFresh();
    await sink.waitFor(() => sink.to(member.email).length === 1);
    const [mail] = sink.to(member.email);
    expect(mail!.subject).toBe('Bitte bestätigen Sie Ihre E-Mail-Adresse');
    expect(mail!.html).toMatch(
      /<a href="http:\/\/website\.test\/e-mail\/bestaetigen\/[^"]+"[^>]*>E-Mail-Adresse bestätigen<\/a>/,
    );
    const link = SmtpSink.link(mail!, 'http://website.test/e-mail/bestaetigen/');

    // Reading works, writing does not, and the error says why.
    expect((await forum.ok('{ me { emailVerified } }', {}, member.token)).me.emailVerified).toBe(false);
    const categories = await forum.ok('{ categories { id } }');
    const refused = await forum.gql(
      'mutation ($input: CreateThreadInput!) { createThread(input: $input) { id } }',
      { input: { title: 'Erste Frage', body: 'Hallo', categoryId: categories.categories[0].id } },
      member.token,
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'EMAIL_NOT_VERIFIED',
    });

    // The stored token is a hash, not the one in the mail.
    const stored = await forum.server.services.dataSource.query(
      "SELECT token_hash FROM email_token WHERE member_id = $1 AND purpose = 'VERIFY_EMAIL'",
      [member.id],
    );
    expect(stored[0].token_hash).not.toBe(tokenOf(link));
    // Once the mail went out, the outbox keeps no copy of the link.
    const [outboxRow] = await forum.server.services.dataSource.query(
      "SELECT payload::text AS payload FROM mail_outbox WHERE recipient = $1 AND status = 'SENT'",
      [member.email],
    );
    expect(outboxRow.payload).not.toContain(tokenOf(link));

    const verified = await forum.ok(VERIFY, { token: tokenOf(link) });
    expect(verified.verifyEmail.member.id).toBe(member.id);
    expect(
      (await forum.ok('{ me { emailVerified } }', {}, verified.verifyEmail.token)).me.emailVerified,
    ).toBe(true);
    const created = await forum.ok(
      'mutation ($input: CreateThreadInput!) { createThread(input: $input) { id } }',
      { input: { title: 'Erste Frage', body: 'Hallo', categoryId: categories.categories[0].id } },
      member.token,
    );
    expect(created.createThread.id).toBeTruthy();

    // The link works once.
    const again = await forum.gql(VERIFY, { token: tokenOf(link) });
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'token',
      reason: 'used',
    });
    const garbage = await forum.gql(VERIFY, { token: 'x'.repeat(43) });
    expect(garbage.errors?.[0]?.extensions).toMatchObject({ reason: 'invalid' });
  });

  it('sends the link again on request (the older one stops working), limited per account', async () => {
    const member = await registerFresh('en');
    await sink.waitFor(() => sink.to(member.email).length === 1);
    expect(sink.to(member.email)[0]!.subject).toBe('Please confirm your e-mail address');
    expect(sink.to(member.email)[0]!.html).toContain('<html lang="en">');
    const RESEND = 'mutation { resendVerification }';
    expect((await forum.ok(RESEND, {}, member.token)).resendVerification).toBe(true);
    await sink.waitFor(() => sink.to(member.email).length === 2);
    const [first, second] = sink
      .to(member.email)
      .map((mail) => tokenOf(SmtpSink.link(mail, 'http://website.test/e-mail/bestaetigen/')));
    expect((await forum.gql(VERIFY, { token: first! })).errors?.[0]?.extensions?.['reason']).toBe('used');
    for (let i = 0; i < 2; i++) await forum.ok(RESEND, {}, member.token);
    const limited = await forum.gql(RESEND, {}, member.token);
    expect(limited.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'account' });
    await forum.ok(VERIFY, { token: second! }).catch(() => undefined);
  });

  it('mails "you already have an account" when a known address registers, and tells the browser nothing', async () => {
    const existing = await forum.register('Bekannte Person');
    const answer = await forum.ok(REGISTER, {
      input: {
        email: existing.email,
        password: 'ganz anderes Passwort',
        displayName: 'Jemand',
        sector: 'SONSTIGE',
      },
    });
    const fresh = await forum.ok(REGISTER, {
      input: {
        email: `${randomUUID()}@example.org`,
        password: PASSWORD,
        displayName: 'Jemand',
        sector: 'SONSTIGE',
      },
    });
    expect(Object.keys(answer.registerMember)).toEqual(Object.keys(fresh.registerMember));
    expect(answer.registerMember.mailSent).toBe(fresh.registerMember.mailSent);
    await sink.waitFor(() => mailsTo(existing.email, 'Sie haben schon ein Konto').length === 1);
    const [mail] = mailsTo(existing.email, 'Sie haben schon ein Konto');
    expect(mail!.text).toContain('http://website.test/passwort-vergessen');
  });
});

describe(`password reset (${backend})`, () => {
  it('sets a new password with the mailed link; every older session ends; the link works once', async () => {
    const member = await forum.register('Vergesslich');
    const otherDevice = await forum.ok(SIGN_IN, { email: member.email, password: PASSWORD });
    expect((await forum.ok(RESET_REQUEST, { email: member.email.toUpperCase() })).requestPasswordReset).toBe(
      true,
    );
    await sink.waitFor(() => mailsTo(member.email, 'Ihr neues Passwort').length === 1);
    const [mail] = mailsTo(member.email, 'Ihr neues Passwort');
    expect(mail!.text).toContain('Der Link gilt eine Stunde und nur einmal.');
    const token = tokenOf(SmtpSink.link(mail!, 'http://website.test/passwort-vergessen/'));

    const reset = await forum.ok(RESET, { token, password: 'mein neues Passwort' });
    expect(reset.resetPassword.member.id).toBe(member.id);
    // Both earlier sessions are refused; the new one works.
    for (const old of [member.token, otherDevice.signIn.token]) {
      const refused = await forum.gql('{ me { id } }', {}, old);
      expect(refused.status).toBe(401);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'revoked' });
    }
    expect((await forum.ok('{ me { id } }', {}, reset.resetPassword.token)).me.id).toBe(member.id);
    // Old password out, new one in.
    expect(
      (await forum.gql(SIGN_IN, { email: member.email, password: PASSWORD })).errors?.[0]?.extensions?.[
        'code'
      ],
    ).toBe('UNAUTHENTICATED');
    expect(
      (await forum.ok(SIGN_IN, { email: member.email, password: 'mein neues Passwort' })).signIn.member.id,
    ).toBe(member.id);
    const hashes = forum.server.services.passwords.stats.hashes;
    const reused = await forum.gql(RESET, { token, password: 'noch ein Passwort' });
    expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'used' });
    // A link that cannot work costs no password hash.
    expect(forum.server.services.passwords.stats.hashes).toBe(hashes);
  });

  it('refuses an expired link and changes nothing', async () => {
    const member = await forum.register();
    await forum.ok(RESET_REQUEST, { email: member.email });
    await sink.waitFor(() => mailsTo(member.email, 'Ihr neues Passwort').length === 1);
    const token = tokenOf(
      SmtpSink.link(
        mailsTo(member.email, 'Ihr neues Passwort')[0]!,
        'http://website.test/passwort-vergessen/',
      ),
    );
    await forum.server.services.dataSource.query(
      "UPDATE email_token SET expires_at = now() - interval '1 second' WHERE member_id = $1",
      [member.id],
    );
    const expired = await forum.gql(RESET, { token, password: 'mein neues Passwort' });
    expect(expired.errors?.[0]?.extensions).toMatchObject({ reason: 'expired' });
    expect((await forum.ok('{ me { id } }', {}, member.token)).me.id).toBe(member.id);
  });

  it('answers an unknown address exactly like a known one, and mails nobody', async () => {
    const unknown = `${randomUUID()}@example.org`;
    const answer = await forum.gql(RESET_REQUEST, { email: unknown }, undefined, clientAddress());
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ requestPasswordReset: true });
    const rows = await forum.server.services.dataSource.query(
      'SELECT 1 FROM mail_outbox WHERE recipient = $1',
      [unknown],
    );
    expect(rows).toHaveLength(0);
  });

  it('limits reset requests per address and per client', async () => {
    const member = await forum.register();
    const from = clientAddress();
    const codes = [];
    for (let i = 0; i < 5; i++) {
      const result = await forum.gql(RESET_REQUEST, { email: member.email }, undefined, from);
      codes.push(result.errors?.[0]?.extensions?.['code'] ?? 'OK');
    }
    expect(codes).toEqual(['OK', 'OK', 'OK', 'RATE_LIMITED', 'RATE_LIMITED']);
  });
});

describe(`change of address (${backend})`, () => {
  it('changes the address only with the link sent to the new one', async () => {
    const member = await forum.register('Umzug');
    const newEmail = `${randomUUID()}@example.org`;
    const CHANGE = 'mutation ($input: ChangeEmailInput!) { changeEmail(input: $input) }';
    const wrong = await forum.gql(
      CHANGE,
      { input: { newEmail, password: 'falsches Passwort' } },
      member.token,
    );
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ field: 'password' });
    expect(
      (await forum.ok(CHANGE, { input: { newEmail, password: PASSWORD } }, member.token)).changeEmail,
    ).toBe(true);
    await sink.waitFor(() => sink.to(newEmail).length === 1);
    // Not yet changed.
    expect((await forum.ok('{ me { email } }', {}, member.token)).me.email).toBe(member.email);
    const token = tokenOf(SmtpSink.link(sink.to(newEmail)[0]!, 'http://website.test/e-mail/neue-adresse/'));
    const changed = await forum.ok(
      'mutation ($token: String!) { confirmEmailChange(token: $token) { email } }',
      { token },
      member.token,
    );
    expect(changed.confirmEmailChange.email).toBe(newEmail);
    expect((await forum.ok(SIGN_IN, { email: newEmail, password: PASSWORD })).signIn.member.id).toBe(
      member.id,
    );
  });
});
