/**
 * web/adapter/compile-hints.js: the hint that has Chrome compile a script while it loads
 * goes on the first line of every script, once, and nowhere else.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addCompileHints, COMPILE_HINT } from '../../../web/adapter/compile-hints.js';

describe('addCompileHints', () => {
  let dir = '';
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('puts the hint above the first line of each script, in subfolders too, and leaves other files alone', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compile-hints-'));
    fs.mkdirSync(path.join(dir, 'chunks'));
    fs.writeFileSync(path.join(dir, 'chunks', 'a.js'), 'const __vite__mapDeps = 1;\nexport {};\n');
    fs.writeFileSync(path.join(dir, 'b.js'), 'export const b = 2;');
    fs.writeFileSync(path.join(dir, 'c.css'), 'p{color:red}');

    expect(addCompileHints(dir)).toBe(2);
    expect(fs.readFileSync(path.join(dir, 'chunks', 'a.js'), 'utf8')).toBe(`${COMPILE_HINT}\nconst __vite__mapDeps = 1;\nexport {};\n`);
    expect(fs.readFileSync(path.join(dir, 'b.js'), 'utf8')).toBe(`${COMPILE_HINT}\nexport const b = 2;`);
    expect(fs.readFileSync(path.join(dir, 'c.css'), 'utf8')).toBe('p{color:red}');
  });

  it('gives a script the hint once, however often it runs', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compile-hints-'));
    fs.writeFileSync(path.join(dir, 'a.js'), 'export {};');
    addCompileHints(dir);
    expect(addCompileHints(dir)).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'a.js'), 'utf8')).toBe(`${COMPILE_HINT}\nexport {};`);
  });

  it('is the comment Chrome reads', () => {
    expect(COMPILE_HINT).toBe('//# allFunctionsCalledOnLoad');
  });
});
