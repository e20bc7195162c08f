/// <reference lib="dom" />
/**
 * Screenshots for people to look at, and an axe-core check on each screen. Screenshots
 * go to test-results/screenshots/ (named in the README).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { repoRoot } from '../../support/server-process.js';

export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  // Nothing may push the page wider than the phone: sideways scrolling one-handed is no fun.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} is wider than the screen`).toBeLessThanOrEqual(0);
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** No WCAG 2.x A/AA violations that axe-core can find. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${screen}`).toEqual([]);
}
