/**
 * An engine that is not installed fails the end-to-end tests with how to install it:
 * never a silent skip, so a machine without WebKit or Firefox cannot pass for one that
 * tested them.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { firefoxEngine } from './engines/firefox.js';
import { webkitEngine } from './engines/webkit.js';

describe('a missing browser engine', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('fails Firefox with the package to install', async () => {
    vi.stubEnv('FIREFOX_PATH', '/nonexistent/firefox-esr');
    await expect(firefoxEngine.launch()).rejects.toThrow('Firefox not found at /nonexistent/firefox-esr. Install it with "apt-get install -y firefox-esr" (Debian/Ubuntu) or set FIREFOX_PATH.');
  });

  it('fails WebKit with the packages to install, for the driver and for the browser', async () => {
    vi.stubEnv('WEBKIT_DRIVER_PATH', '/nonexistent/WebKitWebDriver');
    await expect(webkitEngine.launch()).rejects.toThrow('WebKitWebDriver not found at /nonexistent/WebKitWebDriver. Install it with "apt-get install -y webkit2gtk-driver xvfb xauth"');
    vi.unstubAllEnvs();
    vi.stubEnv('WEBKIT_MINIBROWSER_PATH', '/nonexistent/MiniBrowser');
    await expect(webkitEngine.launch()).rejects.toThrow("WebKitGTK's MiniBrowser not found at /nonexistent/MiniBrowser");
  });
});
