/**
 * Reading MailDev's inbox over its REST API (`GET <inbox>/api/email`), as end-to-end checks do: the mails
 * the platform sent on a development start, and the links in them.
 */
export interface InboxMail {
  id: string;
  subject: string;
  text: string;
  html: string;
  to: { address: string; name?: string }[];
  headers: Record<string, string>;
  time: string;
}

export async function inbox(mailUrl: string): Promise<InboxMail[]> {
  const response = await fetch(`${mailUrl}/api/email`);
  if (!response.ok) throw new Error(`MailDev answered ${response.status}`);
  return (await response.json()) as InboxMail[];
}

/** Waits until a mail to `address` (whose subject matches, if given) arrives, and returns the newest. */
export async function waitForMail(
  mailUrl: string,
  address: string,
  options: { subject?: RegExp; timeoutMs?: number; after?: number } = {},
): Promise<InboxMail> {
  const until = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    const mails = (await inbox(mailUrl)).filter(
      (mail) =>
        mail.to.some((to) => to.address.toLowerCase() === address.toLowerCase()) &&
        (!options.subject || options.subject.test(mail.subject)),
    );
    if (mails.length > (options.after ?? 0)) return mails.at(-1)!;
    if (Date.now() > until) throw new Error(`no mail to ${address} arrived in the inbox at ${mailUrl}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A header as it was sent (MailDev's parsed `headers` leave some out, `List-Unsubscribe` among them): read from
 * the mail's source (`GET /api/email/:id/source`), unfolded.
 */
export async function rawHeader(mailUrl: string, mail: InboxMail, name: string): Promise<string | undefined> {
  const source = await (await fetch(`${mailUrl}/api/email/${mail.id}/source`)).text();
  const head = source.split(/\r?\n\r?\n/, 1)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((entry) => entry.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(line.indexOf(':') + 1).trim();
}

/** The first link in a mail's text whose path starts with `pathPrefix` (e.g. `/e-mail/bestaetigen/`). */
export function linkIn(mail: InboxMail, pathPrefix: string): string {
  const match = mail.text.match(
    new RegExp(`https?://[^\\s/]+${pathPrefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\S+`),
  );
  if (!match) throw new Error(`no link ${pathPrefix}… in the mail "${mail.subject}"`);
  return match[0];
}

/**
 * Registers a member through the public API, opens the verification link from the inbox, and returns the
 * signed-in session: what a member who registered and confirmed the address has.
 */
export async function registerVerified(
  gatewayUrl: string,
  mailUrl: string,
  input: Record<string, unknown> & { email: string },
  headers: Record<string, string> = {},
): Promise<{ id: string; token: string; email: string }> {
  const post = async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as {
      data?: { verifyEmail: { token: string; member: { id: string } } };
      errors?: unknown[];
    };
    if (body.errors?.length) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
  await post('mutation ($input: RegisterMemberInput!) { registerMember(input: $input) { email } }', {
    input,
  });
  const mail = await waitForMail(mailUrl, input.email, { subject: /bestätigen|confirm/i });
  const token = linkIn(mail, '/e-mail/bestaetigen/').split('/').at(-1)!;
  const data = await post(
    'mutation ($token: String!) { verifyEmail(token: $token) { token member { id } } }',
    {
      token,
    },
  );
  return { id: data!.verifyEmail.member.id, token: data!.verifyEmail.token, email: input.email };
}
