import { Api } from '$lib/server/api';
import { cityProjectsFeed, serveFeed } from '$lib/server/feeds';
import { plainText } from '$lib/server/open-data/request';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, getClientAddress, params }) =>
  serveFeed(url, () => cityProjectsFeed(new Api(undefined, getClientAddress()), params.slug), plainText);
