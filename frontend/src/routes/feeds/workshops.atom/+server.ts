import { Api } from '$lib/server/api';
import { workshopsFeed, serveFeed } from '$lib/server/feeds';
import { plainText } from '$lib/server/open-data/request';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, getClientAddress }) =>
  serveFeed(url, () => workshopsFeed(new Api(undefined, getClientAddress())), plainText);
