// A client-rendered SPA (see svelte.config.js): no server rendering, no prerendering.
export const ssr = false;
export const prerender = false;
