/// <reference lib="dom" />
/**
 * A phone in any engine, for flows written once: elements are found inside the page by
 * what a person sees (a button's or link's text, a field's label, a test id), marked, and
 * then handed to the engine's own click or typing. Everything waits until the page shows
 * what is asked, like Playwright's locators.
 */
import fs from 'node:fs';
import path from 'node:path';
import { screenshotDir } from '../support/screens.js';
import type { EngineBrowser, EngineName, EngineTab } from './engine.js';
import { describeTarget, markInPage, readTextInPage, toPageName, toPageTarget, type Name, type Target } from './find-in-page.js';

export class Phone {
  #tab: EngineTab;
  #marks = 0;

  private constructor(
    readonly engine: EngineName,
    private readonly browser: EngineBrowser,
    tab: EngineTab,
  ) {
    this.#tab = tab;
  }

  static async open(engine: EngineName, browser: EngineBrowser, url: string): Promise<Phone> {
    return new Phone(engine, browser, await browser.newTab(url));
  }

  goto(url: string): Promise<void> {
    return this.#tab.goto(url);
  }

  reload(): Promise<void> {
    return this.#tab.reload();
  }

  /**
   * Closes the app and opens the address again a moment later, as a person does: the old
   * page is gone before the new one loads (an empty tab first, as WebDriver ends a session
   * without one). Not in the same millisecond: WebKitGTK then sometimes sends the new
   * page's request past the service worker it is just shutting down with the old page.
   */
  async reopen(url: string): Promise<void> {
    const next = await this.browser.newTab('about:blank');
    await this.#tab.close();
    this.#tab = next;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await next.goto(url);
  }

  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<Awaited<R>> {
    return this.#tab.evaluate(fn, arg);
  }

  /** Polls the page until `fn` returns something other than null, false or undefined. */
  async waitFor<A, R>(what: string, fn: (arg: A) => R | Promise<R>, arg: A, timeout = 15_000): Promise<NonNullable<Awaited<R>>> {
    const started = Date.now();
    let last: unknown;
    for (;;) {
      try {
        const value = await this.#tab.evaluate(fn, arg);
        if (value !== null && value !== undefined && value !== false) return value as NonNullable<Awaited<R>>;
      } catch (error) {
        last = error; // a page in the middle of loading
      }
      if (Date.now() - started > timeout) throw new Error(`${this.engine}: waited ${timeout} ms for ${what}${last ? ` (${String(last)})` : ''}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Waits until the element is on the page, and returns a selector for it. */
  async find(target: Target, timeout?: number): Promise<string> {
    const mark = `m${++this.#marks}`;
    return this.waitFor(describeTarget(target), markInPage, { target: toPageTarget(target), mark }, timeout);
  }

  /**
   * Clicks the element, finding it again when the page drew it anew or something lay over
   * it for a moment (Playwright's and puppeteer's locators wait; WebDriver answers at once).
   */
  async click(target: Target, timeout = 15_000): Promise<void> {
    const started = Date.now();
    for (;;) {
      try {
        return await this.#tab.click(await this.find(target, timeout));
      } catch (error) {
        if (Date.now() - started > timeout || !/stale|intercepted|no such element/i.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  async fill(label: Name, text: string): Promise<void> {
    await this.#tab.type(await this.find({ label }), text);
  }

  /** Ticks a checkbox by clicking it (a no-op when it is ticked already). */
  async check(label: Name): Promise<void> {
    const selector = await this.find({ label });
    if (!(await this.#tab.evaluate((s) => (document.querySelector(s) as HTMLInputElement).checked, selector))) await this.#tab.click(selector);
  }

  /**
   * Chooses an option by value, or the option at `index`. Set in the page with the events a
   * choice fires: opening a native select is drawn by the operating system, which no
   * driver reaches the same way.
   */
  async select(label: Name, option: { value: string } | { index: number }): Promise<void> {
    const selector = await this.find({ label });
    await this.#tab.evaluate(
      ({ selector, option }) => {
        const select = document.querySelector(selector) as HTMLSelectElement;
        if ('index' in option) select.selectedIndex = option.index;
        else select.value = option.value;
        select.dispatchEvent(new Event('input', { bubbles: true }));
        select.dispatchEvent(new Event('change', { bubbles: true }));
      },
      { selector, option },
    );
  }

  async attach(label: Name, file: string): Promise<void> {
    await this.#tab.setFile(await this.find({ label }), file);
  }

  /** The text of the first visible element with the test id, or null. */
  text(testId: string): Promise<string | null> {
    return this.evaluate(readTextInPage, { testId });
  }

  /** Waits until the element's text matches. */
  async waitForText(testId: string, expected: Name, timeout?: number): Promise<string> {
    return this.waitFor(`[data-testid=${testId}] to read ${expected}`, readTextInPage, { testId, name: toPageName(expected) }, timeout);
  }

  /** Waits until the page's address has this path. */
  async waitForPath(pathname: string | RegExp): Promise<void> {
    const name = toPageName(pathname);
    await this.waitFor(`the address ${pathname}`, (n) => ('exact' in n ? location.pathname === n.exact : new RegExp(n.source, n.flags).test(location.pathname)), name);
  }

  /** Whether something the person can see holds this text now. */
  shows(text: string): Promise<boolean> {
    return this.evaluate((t) => document.body.innerText.replace(/\s+/g, ' ').includes(t), text);
  }

  /** Switches to this tab, as a person does before tapping in it. */
  show(): Promise<void> {
    return this.#tab.show();
  }

  /** Closes this tab (the browser stays: another tab of it may go on). */
  closeTab(): Promise<void> {
    return this.#tab.close();
  }

  /** test-results/screenshots/{name}-{engine}.png: what this phone's screen shows. */
  async screenshot(name: string): Promise<void> {
    fs.mkdirSync(screenshotDir, { recursive: true });
    await this.#tab.screenshot(path.join(screenshotDir, `${name}-${this.engine}.png`));
  }
}
