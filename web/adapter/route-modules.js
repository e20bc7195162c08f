/**
 * route-modules.json, beside the app shell: the scripts and styles each page needs beyond
 * those the shell already has. Every address opens the same shell (index.html), which only
 * knows the framework's own start-up scripts and the base styles; the page's scripts are
 * asked for once those have run, and its styles after that, each a round trip more on a
 * slow phone connection. The server (server/src/http/app-shell-page.ts) adds the page's
 * scripts to the shell it sends, so the phone fetches them while the start-up scripts are
 * still on their way, and writes the page's styles into it.
 *
 * The file: [{ "pattern": "<the route's RegExp source>", "modules": ["/_app/…js", …],
 * "styles": ["/_app/…css", …] }], in SvelteKit's own matching order (the first pattern
 * that matches wins).
 */
import fs from 'node:fs';
import path from 'node:path';

// The name server/src/http/app-shell-page.ts reads.
const ROUTE_MODULES_FILE = 'route-modules.json';

/**
 * @param {import('@sveltejs/kit').Builder} builder
 * @param {string} pages the build folder
 * @param {string} shellFile the shell's name in it
 * @returns {number} how many pages are listed
 */
export function writeRouteModules(builder, pages, shellFile) {
  const shell = fs.readFileSync(path.join(pages, shellFile), 'utf8');
  const routes = routeModules({
    routes: builder.routes,
    dictionary: readDictionary(path.join(builder.getBuildDirectory('generated'), 'client-optimized', 'app.js')),
    manifest: JSON.parse(fs.readFileSync(path.join(builder.getClientDirectory(), '.vite', 'manifest.json'), 'utf8')),
    preloaded: new Set([...shell.matchAll(/<link href="([^"]+)" rel="(?:modulepreload|stylesheet)"/g)].map((match) => String(match[1]))),
  });
  fs.writeFileSync(path.join(pages, ROUTE_MODULES_FILE), JSON.stringify(routes));
  return routes.length;
}

/**
 * SvelteKit's client route table, as it writes it: route id → [page node, layout nodes?,
 * error nodes?]. The root layout (0) and root error page (1) go with every page. A SvelteKit
 * that writes it differently fails the build here instead of leaving the pages unpreloaded.
 * @param {string} file
 * @returns {Record<string, [number, number[]?, number[]?]>}
 */
function readDictionary(file) {
  const literal = /export const dictionary = (\{[\s\S]*?\});/.exec(fs.readFileSync(file, 'utf8'))?.[1];
  if (!literal) throw new Error(`route-modules: no route table found in ${file}`);
  try {
    return JSON.parse(literal);
  } catch {
    throw new Error(`route-modules: the route table in ${file} is no longer plain data`);
  }
}

/**
 * @param {{
 *   routes: { id: string, pattern: RegExp }[],
 *   dictionary: Record<string, [number, number[]?, number[]?]>,
 *   manifest: Record<string, { file: string, imports?: string[], css?: string[] }>,
 *   preloaded: Set<string>,
 * }} input the shell's scripts and styles in `preloaded`
 */
export function routeModules({ routes, dictionary, manifest, preloaded }) {
  /** @param {number} node */
  const nodeKey = (node) => {
    const key = Object.keys(manifest).find((name) => name.endsWith(`/client-optimized/nodes/${node}.js`));
    if (!key) throw new Error(`route-modules: node ${node} is not in the client manifest`);
    return key;
  };
  return routes.flatMap((route) => {
    const nodes = dictionary[route.id];
    // An endpoint (+server.ts) is not a page: the client has no entry for it.
    if (!nodes) return [];
    const [page, layouts = [], errors = []] = nodes;
    /** @type {Set<string>} */
    const files = new Set();
    /** @type {Set<string>} */
    const styles = new Set();
    /** @param {string} key */
    const visit = (key) => {
      const chunk = manifest[key];
      if (!chunk) throw new Error(`route-modules: ${key} is not in the client manifest`);
      const file = `/${chunk.file}`;
      if (files.has(file)) return;
      files.add(file);
      for (const imported of chunk.imports ?? []) visit(imported);
      for (const style of chunk.css ?? []) styles.add(`/${style}`);
    };
    for (const node of [0, 1, ...layouts, ...errors, page]) visit(nodeKey(node));
    const fresh = (/** @type {Set<string>} */ set) => [...set].filter((file) => !preloaded.has(file));
    return [{ pattern: route.pattern.source, modules: fresh(files), styles: fresh(styles) }];
  });
}
