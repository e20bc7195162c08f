/**
 * The README is the first thing a person reads: it opens with what to open and click in
 * the first five minutes, keeps exactly two set-up commands for a fresh machine, and
 * points to docs/ for the long benchmark and protocol notes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/server-process.js';

const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

describe('README', () => {
  it('opens with the first five minutes: the commands, the console, the demo invites', () => {
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings[0]).toBe('The first five minutes');
    const first = readme.slice(readme.indexOf('## The first five minutes'), readme.indexOf(`## ${headings[1]}`));
    for (const words of ['/beheer', 'Demo coordinator (shown only now)', '/meedoen/', 'Tegels tellen', 'Dashboard', 'PUBLIC_URL']) expect(first).toContain(words);
  });

  it('keeps exactly two set-up commands for a fresh machine', () => {
    const shellBlocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const setup = shellBlocks.flatMap((block) => block.split('\n')).filter((line) => /^npm (ci|test)\b/.test(line.trim()));
    expect(setup.map((line) => line.split('#')[0]!.trim())).toEqual(['npm ci && npm start', 'npm test']);
  });

  it('moves the long benchmark and sync protocol notes to docs/, and links them', () => {
    for (const doc of ['docs/benchmarks.md', 'docs/offline-sync.md', 'docs/domain.md', 'docs/roles-and-access.md', 'docs/field-app.md', 'docs/email.md']) {
      expect(readme).toContain(`](${doc})`);
      expect(fs.existsSync(path.join(repoRoot, doc))).toBe(true);
    }
    expect(fs.readFileSync(path.join(repoRoot, 'docs/benchmarks.md'), 'utf8')).toContain('Where the time goes for one device');
    expect(fs.readFileSync(path.join(repoRoot, 'docs/offline-sync.md'), 'utf8')).toContain('The restore promise');
    expect(readme).not.toContain('Where the time goes for one device');
    expect(readme.split('\n').length).toBeLessThan(400);
  });
});
