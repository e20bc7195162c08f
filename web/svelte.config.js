import adapter from './adapter/index.js';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: {
    // Every component is written with runes; without this, a component that happens to
    // use none of them compiles in legacy mode and pulls Svelte's legacy support into the
    // pages that show it.
    runes: true,
    // Svelte would otherwise add a module to every page that only records its version on
    // window: one request more on a phone's first visit.
    discloseVersion: false,
  },
  kit: {
    // A client-rendered SPA: every unknown path gets index.html, so the installed app
    // runs with no server at all. Beside it, the scripts of each page (see the adapter).
    adapter: adapter({ pages: 'build', fallback: 'index.html' }),
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
