/**
 * The build's last step: adapter-static writes the app into `pages` (with `fallback`, the
 * shell every address opens), then two additions for the server that sends it:
 * - route-modules.json, each page's scripts, which the server preloads in the shell
 *   (route-modules.js);
 * - a brotli copy of each hashed script and style at the highest quality (precompress.js).
 * A static file host without them serves the app as before.
 */
import path from 'node:path';
import adapterStatic from '@sveltejs/adapter-static';
import { precompress } from './precompress.js';
import { writeRouteModules } from './route-modules.js';

/** @param {{ pages: string, fallback: string }} options */
export default function adapter(options) {
  const inner = adapterStatic(options);
  return {
    name: 'buurtkracht-static',
    /** @param {import('@sveltejs/kit').Builder} builder */
    async adapt(builder) {
      await inner.adapt(builder);
      const pages = writeRouteModules(builder, options.pages, options.fallback);
      const copies = precompress(path.join(options.pages, '_app', 'immutable'));
      builder.log.minor(`Listed the scripts of ${pages} pages; compressed ${copies} scripts and styles`);
    },
  };
}
