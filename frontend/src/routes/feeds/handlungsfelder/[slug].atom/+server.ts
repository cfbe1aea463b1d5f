import { Api } from '$lib/server/api';
import { actionFieldProjectsFeed, serveFeed } from '$lib/server/feeds';
import { plainText } from '$lib/server/open-data/request';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, getClientAddress, params }) =>
  serveFeed(
    url,
    () => actionFieldProjectsFeed(new Api(undefined, getClientAddress()), params.slug),
    plainText,
  );
