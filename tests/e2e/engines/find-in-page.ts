/// <reference lib="dom" />
/**
 * How Phone names what it looks for, and the functions that look for it inside the page.
 * They run in the page (each engine serialises them), so they are self-contained and
 * take one JSON argument.
 */

/** Text to match: exactly (after collapsing white space) or by a pattern. */
export type Name = string | RegExp;
export type Target = { role: 'button' | 'link'; name: Name } | { label: Name } | { testId: string };

/** A pattern crosses into the page as its source and flags. */
export type PageName = { exact: string } | { source: string; flags: string };
type PageTarget = { role: 'button' | 'link'; name: PageName } | { label: PageName } | { testId: string };

export const toPageName = (name: Name): PageName => (typeof name === 'string' ? { exact: name } : { source: name.source, flags: name.flags });
export const toPageTarget = (target: Target): PageTarget =>
  'role' in target ? { role: target.role, name: toPageName(target.name) } : 'label' in target ? { label: toPageName(target.label) } : target;
export const describeTarget = (target: Target) =>
  'role' in target ? `${target.role} "${target.name}"` : 'label' in target ? `field "${target.label}"` : `[data-testid=${target.testId}]`;

/**
 * Finds the visible element and marks it with data-e2e, returning its selector (null
 * while it is not there yet). A field is found by its label's text, which for a select
 * inside its label also holds the options, so a label matches by its start.
 */
export function markInPage({ target, mark }: { target: PageTarget; mark: string }): string | null {
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

/**
 * The text of the first visible element with the test id when it matches `name` (any
 * text when there is no name), else null.
 */
export function readTextInPage({ testId, name }: { testId: string; name?: PageName }): string | null {
  const el = [...document.querySelectorAll(`[data-testid="${testId}"]`)].find((e) => e.getClientRects().length > 0);
  const value = el ? (el.textContent ?? '').replace(/\s+/g, ' ').trim() : null;
  if (value === null || !name) return value;
  return ('exact' in name ? value === name.exact : new RegExp(name.source, name.flags).test(value)) ? value : null;
}
