import { build } from '@stadtnetz/platform';

/** The tests run the forum and the CMS as they run in production: compiled, as separate processes. */
export default async function setup() {
  await build(['shared', 'forum', 'cms']);
}
