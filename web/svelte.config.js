import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // A client-rendered SPA: every unknown path gets index.html, so the installed app
    // runs with no server at all.
    adapter: adapter({ fallback: 'index.html' }),
    // The service worker is built and registered by @vite-pwa/sveltekit (Workbox), not by
    // SvelteKit, so that updates wait for the person's consent.
    serviceWorker: { register: false },
    // The base styles (under 1 KB compressed) go inside the document: one round trip less
    // before the first paint on a slow connection.
    inlineStyleThreshold: 4096,
    typescript: {
      // The unit tests of src/lib live in the top-level tests/web/; type-check them here.
      config: (tsconfig) => ({ ...tsconfig, include: [...tsconfig.include, '../../tests/web/**/*.ts'] }),
    },
  },
};

export default config;
