// Robots may read every public page; sign-in, personal pages, forms and previews are not for search engines.
import { siteOrigin } from '$lib/server/public-gateway';
import type { RequestHandler } from './$types';

const DISALLOWED = [
  '/anmelden',
  '/registrieren',
  '/abmelden',
  '/profil',
  '/nachrichten',
  '/benachrichtigungen',
  '/meine-einreichungen',
  '/projekt-einreichen',
  '/sprache',
  '/vorschau/',
];

export const GET: RequestHandler = ({ url }) =>
  new Response(
    [
      'User-agent: *',
      'Allow: /',
      ...DISALLOWED.map((path) => `Disallow: ${path}`),
      '',
      `Sitemap: ${siteOrigin(url)}/sitemap.xml`,
      '',
    ].join('\n'),
    { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=86400' } },
  );
