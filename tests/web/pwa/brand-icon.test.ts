/** lib/pwa/brand-icon.ts: the brand mark as a data: URL, drawn from the same file as the install icon. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { brandIconUrl } from '$lib/pwa/brand-icon';

const iconFile = path.resolve(import.meta.dirname, '../../../web/static/icons/icon.svg');

describe('the brand icon', () => {
  it('is the icon file as an SVG data URL, without its comment', () => {
    expect(brandIconUrl.startsWith('data:image/svg+xml,')).toBe(true);
    const svg = decodeURIComponent(brandIconUrl.slice('data:image/svg+xml,'.length));
    expect(svg).not.toContain('<!--');
    const drawing = (markup: string) => markup.replace(/<!--[\s\S]*?-->/g, '').replace(/\s+/g, '');
    expect(drawing(svg)).toBe(drawing(fs.readFileSync(iconFile, 'utf8')));
  });

  it('can stand in an HTML attribute as it is', () => {
    expect(brandIconUrl).not.toMatch(/["'<>\s#]/);
  });
});
