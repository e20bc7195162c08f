/**
 * WebKit as WebKitGTK's MiniBrowser, driven by Debian's WebKitWebDriver (classic
 * WebDriver, through selenium-webdriver) on a virtual screen from xvfb-run. Each tab
 * remembers its window, since WebDriver acts on one window at a time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { Builder, By, type WebDriver } from 'selenium-webdriver';
import { freePort } from '../../support/server-process.js';
import { missing, PHONE_SIZE, type Engine, type EngineTab } from './engine.js';

const INSTALL = 'apt-get install -y webkit2gtk-driver xvfb xauth';
const libDir = `/usr/lib/${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu`;

/** The installed programs, or a failure that says how to install them. */
function installed(): { driver: string; miniBrowser: string } {
  const driver = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
  const miniBrowser = process.env.WEBKIT_MINIBROWSER_PATH || `${libDir}/webkit2gtk-4.1/MiniBrowser`;
  if (!fs.existsSync(driver)) throw missing('WebKitWebDriver', driver, INSTALL, 'WEBKIT_DRIVER_PATH');
  if (!fs.existsSync(miniBrowser)) throw missing("WebKitGTK's MiniBrowser", miniBrowser, INSTALL, 'WEBKIT_MINIBROWSER_PATH');
  for (const tool of ['/usr/bin/xvfb-run', '/usr/bin/xauth']) if (!fs.existsSync(tool)) throw missing(path.basename(tool), tool, INSTALL);
  return { driver, miniBrowser };
}

/**
 * Ends xvfb-run with the driver and the browsers it started (their own process group):
 * politely first, so that Xvfb removes its lock file and xvfb-run its temporary folder.
 */
async function stop(child: ChildProcess): Promise<void> {
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // gone already
    }
  };
  if (child.exitCode !== null || child.signalCode !== null) return signal('SIGKILL');
  signal('SIGTERM');
  const ended = once(child, 'exit');
  const timer = new Promise((resolve) => setTimeout(resolve, 5_000, 'late'));
  if ((await Promise.race([ended, timer])) === 'late') signal('SIGKILL');
  signal('SIGKILL'); // the browser's own processes, should any have stayed
}

async function startDriver(driver: string): Promise<{ process: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn('/usr/bin/xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24', driver, `--port=${port}`], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (chunk) => (errors += String(chunk)));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    try {
      if ((await fetch(`${url}/status`)).ok) return { process: child, url };
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() - started > 15_000) {
      await stop(child);
      throw new Error(`WebKitWebDriver did not start (${child.exitCode === null ? 'no answer within 15 s' : `exit code ${child.exitCode}`}):\n${errors}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function tab(driver: WebDriver, handle: string): EngineTab {
  const focus = () => driver.switchTo().window(handle);
  const element = async (selector: string) => {
    await focus();
    return driver.findElement(By.css(selector));
  };
  return {
    goto: async (url) => (await focus(), driver.get(url)),
    reload: async () => (await focus(), driver.navigate().refresh()),
    async evaluate(fn, arg) {
      await focus();
      return driver.executeScript(`return (${fn.toString()})(arguments[0]);`, arg) as never;
    },
    click: async (selector) => (await element(selector)).click(),
    async type(selector, text) {
      const field = await element(selector);
      await field.clear();
      await field.sendKeys(text);
    },
    setFile: async (selector, file) => (await element(selector)).sendKeys(file),
    show: focus, // WebDriver's switch to a window also brings it to the front
    async screenshot(file) {
      await focus();
      fs.writeFileSync(file, Buffer.from(await driver.takeScreenshot(), 'base64'));
    },
    async close() {
      await focus();
      await driver.close();
    },
  };
}

/**
 * The window's inner size as close to the phone as MiniBrowser allows: its toolbar keeps
 * the window at least 447 px wide, so the page is as tall as the phone and a little wider.
 */
async function fitToPhone(driver: WebDriver): Promise<void> {
  await driver.manage().window().setRect({ width: PHONE_SIZE.width, height: PHONE_SIZE.height });
  const inner = (await driver.executeScript('return window.innerHeight')) as number;
  await driver.manage().window().setRect({ width: PHONE_SIZE.width, height: 2 * PHONE_SIZE.height - inner });
}

export const webkitEngine: Engine = {
  name: 'webkit',
  async launch() {
    const { driver: driverPath, miniBrowser } = installed();
    const server = await startDriver(driverPath);
    const capabilities = { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: miniBrowser, args: ['--automation'] } };
    let driver: WebDriver;
    try {
      driver = await new Builder().usingServer(server.url).withCapabilities(capabilities).build();
      await fitToPhone(driver);
    } catch (error) {
      await stop(server.process);
      throw error;
    }
    let first = true;
    return {
      async newTab(url) {
        // The session starts with one empty window: the first tab is that one.
        if (!first) await driver.switchTo().newWindow('tab');
        first = false;
        const handle = await driver.getWindowHandle();
        await driver.get(url);
        return tab(driver, handle);
      },
      async close() {
        await driver.quit().catch(() => undefined);
        await stop(server.process);
      },
    };
  },
};
