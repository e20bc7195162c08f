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
  [node(2)]: { file: '_app/immutable/nodes/2.c.js', imports: ['_svelte.js', '_common.js'], css: ['_app/immutable/assets/2.c.css'] },
  [node(7)]: { file: '_app/immutable/nodes/7.d.js', imports: ['_common.js', '_tally.js'], css: ['_app/immutable/assets/7.d.css'] },
  [node(9)]: { file: '_app/immutable/nodes/9.e.js', imports: ['_svelte.js'] },
  '_svelte.js': { file: '_app/immutable/chunks/svelte.js' },
  '_common.js': { file: '_app/immutable/chunks/common.js', imports: ['_svelte.js'] },
  '_tally.js': { file: '_app/immutable/chunks/tally.js', imports: ['_common.js'], css: ['_app/immutable/assets/Cards.e.css'] },
};

const routes = [
  { id: '/(field)/voortgang/[id]', pattern: /^\/voortgang\/([^/]+?)\/?$/ },
  { id: '/beheer/inloggen', pattern: /^\/beheer\/inloggen\/?$/ },
  // An endpoint, not a page: not in the client's route table.
  { id: '/api/ping', pattern: /^\/api\/ping\/?$/ },
];

const dictionary = { '/(field)/voortgang/[id]': [7, [2]], '/beheer/inloggen': [9] } as Record<string, [number, number[]?, number[]?]>;

describe('route modules', () => {
  it("lists each page's scripts and styles once, layouts before the page, leaving out what the shell has", () => {
    const preloaded = new Set(['/_app/immutable/nodes/0.a.js', '/_app/immutable/chunks/svelte.js']);
    expect(routeModules({ routes, dictionary, manifest, preloaded })).toEqual([
      {
        pattern: '^\\/voortgang\\/([^/]+?)\\/?$',
        modules: ['/_app/immutable/nodes/1.b.js', '/_app/immutable/nodes/2.c.js', '/_app/immutable/chunks/common.js', '/_app/immutable/nodes/7.d.js', '/_app/immutable/chunks/tally.js'],
        styles: ['/_app/immutable/assets/2.c.css', '/_app/immutable/assets/Cards.e.css', '/_app/immutable/assets/7.d.css'],
      },
      { pattern: '^\\/beheer\\/inloggen\\/?$', modules: ['/_app/immutable/nodes/1.b.js', '/_app/immutable/nodes/9.e.js'], styles: [] },
    ]);
    // The shell's own styles (the base styles SvelteKit wrote into it) are not listed again.
    const withShellStyles = new Set([...preloaded, '/_app/immutable/assets/2.c.css']);
    expect(routeModules({ routes, dictionary, manifest, preloaded: withShellStyles })[0]!.styles).toEqual(['/_app/immutable/assets/Cards.e.css', '/_app/immutable/assets/7.d.css']);
  });

  it('stops the build when a page is missing from the manifest', () => {
    expect(() => routeModules({ routes, dictionary: { ...dictionary, '/beheer/inloggen': [12] }, manifest, preloaded: new Set() })).toThrow(/node 12/);
  });
});
