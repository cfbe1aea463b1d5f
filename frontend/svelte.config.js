import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    // Inline small CSS files into the HTML: one request less on the first load.
    inlineStyleThreshold: 8192,
    // Form posts are checked in hooks.server.ts (src/lib/server/same-origin.ts) instead: SvelteKit's check
    // knows one origin only and refused every form on http://127.0.0.1 and http://localhost.
    csrf: { trustedOrigins: ['*'] },
  },
};
