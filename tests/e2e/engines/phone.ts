/// <reference lib="dom" />
/**
 * A phone in any engine, for flows written once: elements are found inside the page by
 * what a person sees (a button's or link's text, a field's label, a test id), marked, and
 * then handed to the engine's own click or typing. Everything waits until the page shows
 * what is asked, like Playwright's locators.
 */
import path from 'node:path';
import fs from 'node:fs';
import { screenshotDir } from '../support/screens.js';
import type { EngineBrowser, EngineName, EngineTab } from './engine.js';

/** Text to match: exactly (after collapsing white space) or by a pattern. */
type Name = string | RegExp;
type Target = { role: 'button' | 'link'; name: Name } | { label: Name } | { testId: string };
/** A pattern crosses into the page as its source and flags. */
type PageTarget = { role: 'button' | 'link'; name: PageName } | { label: PageName } | { testId: string };
type PageName = { exact: string } | { source: string; flags: string };

const toPageName = (name: Name): PageName => (typeof name === 'string' ? { exact: name } : { source: name.source, flags: name.flags });
const toPageTarget = (target: Target): PageTarget =>
  'role' in target ? { role: target.role, name: toPageName(target.name) } : 'label' in target ? { label: toPageName(target.label) } : target;

const describe = (target: Target) => ('role' in target ? `${target.role} "${target.name}"` : 'label' in target ? `field "${target.label}"` : `[data-testid=${target.testId}]`);

/**
 * Runs in the page: finds the visible element and marks it with data-e2e, returning its
 * selector (null while it is not there yet). A field is found by its label's text, which
 * for a select inside its label also holds the options, so a label matches by its start.
 */
function markInPage({ target, mark }: { target: PageTarget; mark: string }): string | null {
  const text = (el: Element) => (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
  const matches = (value: string, name: PageName, prefix: boolean) =>
    'exact' in name ? value === name.exact || (prefix && value.startsWith(name.exact)) : new RegExp(name.source, name.flags).test(value);
  const visible = (el: Element) => el.getClientRects().length > 0;
  let found: Element | undefined | null;
  if ('testId' in target) {
    found = [...document.querySelectorAll(`[data-testid="${target.testId}"]`)].find(visible);
  } else if ('role' in target) {
    const selector = target.role === 'button' ? 'button, [role="button"], input[type="submit"]' : 'a[href], [role="link"]';
    found = [...document.querySelectorAll(selector)].find((el) => visible(el) && matches(text(el), target.name, false));
  } else {
    const label = [...document.querySelectorAll('label')].find((el) => matches(text(el), target.label, true));
    found = label?.control ?? [...document.querySelectorAll('[aria-label]')].find((el) => matches(text(el), target.label, false));
  }
  if (!found) return null;
  found.setAttribute('data-e2e', mark);
  return `[data-e2e="${mark}"]`;
}

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

  /** Closes the app's tab and opens the address in a new one, as a person reopening the app. */
  async reopen(url: string): Promise<void> {
    const next = await this.browser.newTab(url);
    await this.#tab.close();
    this.#tab = next;
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
    return this.waitFor(describe(target), markInPage, { target: toPageTarget(target), mark }, timeout);
  }

  async click(target: Target): Promise<void> {
    await this.#tab.click(await this.find(target));
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
    return this.evaluate((id) => {
      const el = [...document.querySelectorAll(`[data-testid="${id}"]`)].find((e) => e.getClientRects().length > 0);
      return el ? (el.textContent ?? '').replace(/\s+/g, ' ').trim() : null;
    }, testId);
  }

  /** Waits until the element's text matches. */
  async waitForText(testId: string, expected: Name, timeout?: number): Promise<string> {
    const name = toPageName(expected);
    return this.waitFor(
      `[data-testid=${testId}] to read ${expected}`,
      ({ id, name }) => {
        const el = [...document.querySelectorAll(`[data-testid="${id}"]`)].find((e) => e.getClientRects().length > 0);
        const value = el ? (el.textContent ?? '').replace(/\s+/g, ' ').trim() : null;
        if (value === null) return null;
        return ('exact' in name ? value === name.exact : new RegExp(name.source, name.flags).test(value)) ? value : null;
      },
      { id: testId, name },
      timeout,
    );
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

  /** test-results/screenshots/{name}-{engine}.png: what this phone's screen shows. */
  async screenshot(name: string): Promise<void> {
    fs.mkdirSync(screenshotDir, { recursive: true });
    await this.#tab.screenshot(path.join(screenshotDir, `${name}-${this.engine}.png`));
  }

  close(): Promise<void> {
    return this.browser.close();
  }
}
