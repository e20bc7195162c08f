/**
 * web/adapter/route-modules.js: each page's scripts, from SvelteKit's route table and the
 * bundler's manifest, without the ones the shell already preloads.
 */
import { describe, expect, it } from 'vitest';
import { routeModules } from '../../../web/adapter/route-modules.js';

const node = (n: number) => `.svelte-kit/generated/client-optimized/nodes/${n}.js`;

// Root layout (0) and error page (1), the field layout (2), two pages; shared chunks.
const manifest = {
  [node(0)]: { file: '_app/immutable/nodes/0.a.js', imports: ['_svelte.js'] },
  [node(1)]: { file: '_app/immutable/nodes/1.b.js', imports: ['_svelte.js'] },
  [node(2)]: { file: '_app/immutable/nodes/2.c.js', imports: ['_svelte.js', '_common.js'] },
  [node(7)]: { file: '_app/immutable/nodes/7.d.js', imports: ['_common.js', '_tally.js'] },
  [node(9)]: { file: '_app/immutable/nodes/9.e.js', imports: ['_svelte.js'] },
  '_svelte.js': { file: '_app/immutable/chunks/svelte.js' },
  '_common.js': { file: '_app/immutable/chunks/common.js', imports: ['_svelte.js'] },
  '_tally.js': { file: '_app/immutable/chunks/tally.js', imports: ['_common.js'] },
};

const routes = [
  { id: '/(field)/voortgang/[id]', pattern: /^\/voortgang\/([^/]+?)\/?$/ },
  { id: '/beheer/inloggen', pattern: /^\/beheer\/inloggen\/?$/ },
  // An endpoint, not a page: not in the client's route table.
  { id: '/api/ping', pattern: /^\/api\/ping\/?$/ },
];

const dictionary = { '/(field)/voortgang/[id]': [7, [2]], '/beheer/inloggen': [9] } as Record<string, [number, number[]?, number[]?]>;

describe('route modules', () => {
  it("lists each page's scripts once, layouts before the page, leaving out what the shell preloads", () => {
    const preloaded = new Set(['/_app/immutable/nodes/0.a.js', '/_app/immutable/chunks/svelte.js']);
    expect(routeModules({ routes, dictionary, manifest, preloaded })).toEqual([
      {
        pattern: '^\\/voortgang\\/([^/]+?)\\/?$',
        modules: ['/_app/immutable/nodes/1.b.js', '/_app/immutable/nodes/2.c.js', '/_app/immutable/chunks/common.js', '/_app/immutable/nodes/7.d.js', '/_app/immutable/chunks/tally.js'],
      },
      { pattern: '^\\/beheer\\/inloggen\\/?$', modules: ['/_app/immutable/nodes/1.b.js', '/_app/immutable/nodes/9.e.js'] },
    ]);
  });

  it('stops the build when a page is missing from the manifest', () => {
    expect(() => routeModules({ routes, dictionary: { ...dictionary, '/beheer/inloggen': [12] }, manifest, preloaded: new Set() })).toThrow(/node 12/);
  });
});
