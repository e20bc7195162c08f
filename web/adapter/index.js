/**
 * The build's last step: adapter-static writes the app into `pages` (with `fallback`, the
 * shell every address opens), then additions for a phone's first visit:
 * - route-modules.json, each page's scripts, which the server preloads in the shell
 *   (route-modules.js);
 * - a compile hint at the top of each script, so Chrome compiles it while it loads
 *   (compile-hints.js);
 * - a brotli copy of each hashed script and style at the highest quality (precompress.js).
 * A static file host without route-modules.json and the copies serves the app as before.
 */
import path from 'node:path';
import adapterStatic from '@sveltejs/adapter-static';
import { addCompileHints } from './compile-hints.js';
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
      const immutable = path.join(options.pages, '_app', 'immutable');
      const hinted = addCompileHints(immutable);
      const copies = precompress(immutable);
      builder.log.minor(`Listed the scripts of ${pages} pages; gave ${hinted} scripts a compile hint; compressed ${copies} scripts and styles`);
    },
  };
}
