/**
 * Firefox ESR from Debian, driven over WebDriver BiDi by puppeteer-core (which launches
 * the installed binary and downloads nothing).
 */
import fs from 'node:fs';
import puppeteer, { type ElementHandle, type Page } from 'puppeteer-core';
import { missing, PHONE_SIZE, type Engine, type EngineTab } from './engine.js';

const firefoxPath = () => process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

function tab(page: Page): EngineTab {
  return {
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    click: (selector) => page.locator(selector).click(),
    type: (selector, text) => page.locator(selector).fill(text),
    async setFile(selector, file) {
      const input = await page.$(selector);
      if (!input) throw new Error(`no file input ${selector}`);
      await (input as ElementHandle<HTMLInputElement>).uploadFile(file);
    },
    show: () => page.bringToFront(),
    screenshot: async (file) => void (await page.screenshot({ path: file as `${string}.png` })),
    close: () => page.close(),
  };
}

export const firefoxEngine: Engine = {
  name: 'firefox',
  async launch() {
    const executablePath = firefoxPath();
    if (!fs.existsSync(executablePath)) throw missing('Firefox', executablePath, 'apt-get install -y firefox-esr', 'FIREFOX_PATH');
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      extraPrefsFirefox: { 'intl.accept_languages': 'nl-NL, nl' },
    });
    return {
      async newTab(url) {
        const page = await browser.newPage();
        await page.setViewport(PHONE_SIZE);
        await page.goto(url);
        return tab(page);
      },
      close: () => browser.close(),
    };
  },
};
