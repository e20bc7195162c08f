/**
 * What the field flows need from a browser engine, and nothing more: each engine's driver
 * (Playwright for Chromium, WebDriver BiDi for Firefox, WebDriver for WebKit) is one small
 * adapter behind this interface, and the flows are written once against `Phone`
 * (phone.ts), which finds elements inside the page the same way in every engine.
 */
export type EngineName = 'chromium' | 'firefox' | 'webkit';

export interface Engine {
  readonly name: EngineName;
  /** Starts the browser as one phone (its own profile: storage, service worker). */
  launch(): Promise<EngineBrowser>;
}

export interface EngineBrowser {
  /** Opens a new tab at the address and waits for it to load. */
  newTab(url: string): Promise<EngineTab>;
  close(): Promise<void>;
}

/** Elements are named by a CSS selector; Phone marks the element it found with one. */
export interface EngineTab {
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** Runs a self-contained function in the page (awaiting a promise it returns). */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<Awaited<R>>;
  /** A real click: the engine's own pointer events, after scrolling the element into view. */
  click(selector: string): Promise<void>;
  /** Replaces the field's text by typing it. */
  type(selector: string, text: string): Promise<void>;
  /** Chooses a file in a file input, as the camera or file picker would. */
  setFile(selector: string, file: string): Promise<void>;
  /** Brings the tab to the front, as a person switching to it (a hidden tab draws nothing). */
  show(): Promise<void>;
  /** What is on the screen now, as a PNG. */
  screenshot(file: string): Promise<void>;
  close(): Promise<void>;
}

/** The phone the flows use: 390×844 CSS pixels, as in the Chromium tests. */
export const PHONE_SIZE = { width: 390, height: 844 } as const;

/** A browser that is not installed fails the test with how to install it, never a skip. */
export function missing(what: string, path: string, install: string, override?: string): Error {
  return new Error(`${what} not found at ${path}. Install it with "${install}" (Debian/Ubuntu)${override ? ` or set ${override}` : ''}.`);
}
