/**
 * lib/pwa/app-shell.ts: the shell every address starts from loads its modules at low
 * priority (the document's own brand bar paints first) and starts in steps a task apart:
 * SvelteKit's modules, the app's, then the start. A SvelteKit that writes its start script
 * differently fails the build instead of quietly losing the change.
 */
import { describe, expect, it } from 'vitest';
import { shellForSlowConnections } from '$lib/pwa/app-shell';
import { brandIconUrl } from '$lib/pwa/brand-icon';

// The parts of SvelteKit's shell this changes, as adapter-static writes them.
const shell = `<head>
    <link rel="icon" href="%brand.icon%" />
    <link href="/_app/immutable/entry/start.abc.js" rel="modulepreload">
    <link href="/_app/immutable/chunks/def.js" rel="modulepreload">
  </head>
  <body>
    <div style="display: contents">
      <script>
        {
          const element = document.currentScript.parentElement;
          Promise.all([
            import("/_app/immutable/entry/start.abc.js"),
            import("/_app/immutable/entry/app.ghi.js")
          ]).then(([kit, app]) => {
            kit.start(app, element);
          });
        }
      </script>
    </div>
  </body>`;

describe('the app shell', () => {
  it('preloads every module at low priority', () => {
    const html = shellForSlowConnections(shell);
    expect(html.match(/rel="modulepreload"/g)).toHaveLength(2);
    expect(html.match(/rel="modulepreload" fetchpriority="low"/g)).toHaveLength(2);
  });

  it("runs SvelteKit's modules, the app's and the start each in a task of its own", () => {
    const html = shellForSlowConnections(shell);
    expect(html).toContain(
      'import("/_app/immutable/entry/start.abc.js").then((kit) => new Promise((next) => setTimeout(next)).then(() => import("/_app/immutable/entry/app.ghi.js")).then((app) => { setTimeout(() => kit.start(app, element)); }));',
    );
    expect(html).not.toContain('Promise.all');
    expect(html.match(/kit\.start\(/g)).toHaveLength(1);
  });

  it('starts the app as SvelteKit would, each step a task after the one before', async () => {
    const script = /<script>([\s\S]*)<\/script>/.exec(shellForSlowConnections(shell))![1]!;
    const steps: string[] = [];
    const kit = { start: (app: unknown, element: unknown) => steps.push(`start ${String(app)} in ${String(element)}`) };
    // Modules already loaded, as the shell's preloads leave them: import() settles at once.
    const load = (url: string) => {
      steps.push(`import ${url}`);
      return Promise.resolve(url.includes('start.') ? kit : 'app');
    };
    const nextTask = () => new Promise((resolve) => setTimeout(resolve));
    // The script as the browser runs it, with import() and the page's element stood in for.
    new Function('load', 'document', script.replaceAll('import(', 'load('))(load, { currentScript: { parentElement: 'body' } });
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(steps).toEqual(['import /_app/immutable/entry/start.abc.js']);
    await nextTask();
    expect(steps).toEqual(['import /_app/immutable/entry/start.abc.js', 'import /_app/immutable/entry/app.ghi.js']);
    await nextTask();
    expect(steps).toEqual(['import /_app/immutable/entry/start.abc.js', 'import /_app/immutable/entry/app.ghi.js', 'start app in body']);
  });

  it('writes the brand mark into the page wherever app.html asks for it', () => {
    const html = shellForSlowConnections(`${shell}<img src="%brand.icon%" alt="" />`);
    expect(html).not.toContain('%brand.icon%');
    expect(html.split(brandIconUrl)).toHaveLength(3);
  });

  it('leaves a page without the start script as it is', () => {
    const page = '<head><link href="/a.js" rel="modulepreload"></head><body>Niet gevonden</body>';
    expect(shellForSlowConnections(page)).toBe(page);
  });

  it('stops the build when SvelteKit starts the app differently', () => {
    expect(() => shellForSlowConnections(shell.replace('kit.start(app, element);', 'kit.start(app, element, { hydrate: false });'))).toThrow(/start script/);
  });
});
