import { publicGatewayUrl } from '$lib/server/public-gateway';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({ endpoint: `${publicGatewayUrl(url)}/graphql` });
