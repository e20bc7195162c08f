/** Chromium through Playwright, launched as the other end-to-end tests launch it. */
import type { Page } from 'playwright-core';
import { launchChromium } from '../browser.js';
import { PHONE_SIZE, type Engine, type EngineTab } from './engine.js';

function tab(page: Page): EngineTab {
  return {
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    click: (selector) => page.locator(selector).click(),
    type: (selector, text) => page.locator(selector).fill(text),
    setFile: (selector, file) => page.locator(selector).setInputFiles(file),
    show: () => page.bringToFront(),
    screenshot: async (file) => void (await page.screenshot({ path: file })),
    close: () => page.close(),
  };
}

export const chromiumEngine: Engine = {
  name: 'chromium',
  async launch() {
    const browser = await launchChromium();
    const context = await browser.newContext({ viewport: PHONE_SIZE, locale: 'nl-NL' });
    return {
      async newTab(url) {
        const page = await context.newPage();
        await page.goto(url);
        return tab(page);
      },
      close: () => browser.close(),
    };
  },
};
