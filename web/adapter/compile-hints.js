/**
 * Asks Chrome to compile each of the app's scripts whole while it downloads, off the main
 * thread (V8's explicit compile hints, Chrome 136 and later; other browsers read a comment).
 *
 * V8 otherwise compiles a function the first time it runs, on the main thread. Nearly every
 * function in a page's scripts runs while the page starts (Svelte, the router, the first
 * render), so on a slow phone that compiling made the start a few long tasks: a tap waited
 * for them. With Lighthouse's mobile settings the counter's and the progress page's total
 * blocking time about halved (docs/benchmarks.md, "Measured a fifth time").
 *
 * The comment must be the script's first line, so it is written here, into the files as
 * the build left them, and not by the bundler: Vite puts its own preload helper above
 * anything the bundler adds to the app's entry. The brotli copies are made afterwards.
 */
import fs from 'node:fs';
import path from 'node:path';

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/**
 * @param {string} dir the folder whose scripts (and those under it) get the hint
 * @returns {number} how many scripts were given it
 */
export function addCompileHints(dir) {
  let hinted = 0;
  for (const name of fs.readdirSync(dir, { recursive: true }).map(String)) {
    if (!name.endsWith('.js')) continue;
    const file = path.join(dir, name);
    const code = fs.readFileSync(file, 'utf8');
    if (code.startsWith(COMPILE_HINT)) continue;
    fs.writeFileSync(file, `${COMPILE_HINT}\n${code}`);
    hinted += 1;
  }
  return hinted;
}
