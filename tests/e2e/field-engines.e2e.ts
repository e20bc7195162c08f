/// <reference lib="dom" />
/**
 * The field app's core flows in the three engines residents carry: Chromium, WebKit (as
 * Safari on an iPhone is) and Firefox. One description of each flow, run by every engine
 * through its adapter (engines/): join with an invite link; count tiles with no signal,
 * close and reopen the app with no signal, and see every tap on the server exactly once
 * when the signal is back, also when the answer to a sync is lost on its way; record a
 * schouw finding with a photo with no signal and see it arrive with its photo; and an
 * update offered only when a new version waits, its button only once the open page has
 * sent everything by itself; and two tabs of the app counting at once, sending everything
 * once, one tab at a time (Web Locks). The signal is cut between phone and server
 * (support/phone-network.ts), the same way for every engine. The flows build on each
 * other, as a day with one phone does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import sharp from 'sharp';
import { freePort, startServer, type ServerProcess } from '../support/server-process.js';
import { chromiumEngine } from './engines/chromium.js';
import type { Engine, EngineBrowser } from './engines/engine.js';
import { firefoxEngine } from './engines/firefox.js';
import { Phone } from './engines/phone.js';
import { webkitEngine } from './engines/webkit.js';
import { startPhoneNetwork, type PhoneNetwork } from './support/phone-network.js';
import { demoCoordinator, gqlAt } from './support/staff-api.js';

const photo = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'losse-stoeptegel.jpg');
const engines: Engine[] = [chromiumEngine, webkitEngine, firefoxEngine];

describe.each(engines)('field app in $name', (engine) => {
  let dir: string;
  let server: ServerProcess;
  let network: PhoneNetwork;
  let coordinator: Awaited<ReturnType<typeof demoCoordinator>>;
  let browser: EngineBrowser | undefined;
  let phone: Phone;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `buurtkracht-${engine.name}-`));
    const port = await freePort();
    network = await startPhoneNetwork(`http://127.0.0.1:${port}`);
    server = await startServer({ PORT: String(port), PUBLIC_URL: network.url, DATABASE_PATH: path.join(dir, 'e2e.db'), MEDIA_DIR: path.join(dir, 'media'), NODE_ENV: 'test', GRAPHQL_RATE_LIMIT_PER_MINUTE: '100000' });
    coordinator = await demoCoordinator(server);
  });

  afterAll(async () => {
    // Each on its own: a browser that fails to close must not keep the server running.
    await Promise.allSettled([browser?.close(), network?.close(), server?.stop()]);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  // What the phone showed when a flow failed (failed-counts-with-no-signal-webkit.png).
  beforeEach(({ task }) => {
    const name = `failed-${task.name.split(' ').slice(0, 4).join('-').replace(/[^a-z-]/gi, '')}`;
    onTestFailed(async () => void (await phone?.screenshot(name).catch(() => undefined)));
  });

  const app = (pathname: string) => `${network.url}${pathname}`;

  /** The service worker is installed and active: the next opening works with no signal. */
  const offlineReady = () =>
    phone.waitFor('an active service worker', () => navigator.serviceWorker.getRegistration().then((r) => Boolean(r?.active)), undefined, 30_000);

  /**
   * Opens Versturen once the signal is back and waits until the phone says everything
   * arrived: opening the app sends by itself, nobody taps *Nu versturen*.
   */
  async function sendEverything() {
    await phone.goto(app('/versturen'));
    await phone.waitForText('sync-summary', 'Alles is verstuurd', 30_000);
  }

  async function join(campaignId: string, screen: '/tellen' | '/schouw') {
    const url = app(`/meedoen/${await coordinator.invite(campaignId)}`);
    if (phone) await phone.goto(url);
    else phone = await Phone.open(engine.name, (browser = await engine.launch()), url);
    await phone.fill('Jouw naam in de app', `Buurman ${engine.name}`);
    await phone.click({ role: 'button', name: 'Meedoen' });
    await phone.waitForPath(screen);
  }

  it('joins the tegelwip action with an invite link and is ready to work without signal', async () => {
    await join(coordinator.tegelwippen.id, '/tellen');
    await phone.find({ role: 'button', name: 'Begin met tellen' });
    await offlineReady();
  });

  it('counts with no signal, survives closing the app, and every tap arrives exactly once, lost answer and all', async () => {
    await phone.select(/^Straat/, { index: 1 });
    await phone.click({ role: 'button', name: 'Begin met tellen' });
    await phone.waitForText('street-total', /m²/);

    network.cut();
    await phone.reload();
    await phone.waitForText('street-total', /m²/);
    for (let i = 0; i < 5; i++) await phone.click({ testId: 'add-TEGEL_30X30' });
    for (let i = 0; i < 2; i++) await phone.click({ testId: 'add-TEGEL_40X40' });
    await phone.waitForText('mine-total', '0,77 m²'); // 5 × 900 + 2 × 1600 cm²
    // The browser still says it has a network; the app's failed attempt to send tells it better.
    await phone.waitForText('online-status', /Offline/);
    await phone.screenshot('counter');

    await phone.reopen(app('/tellen'));
    await phone.waitForText('mine-total', '0,77 m²');
    await phone.click({ testId: 'add-TEGEL_30X30' });
    await phone.waitForText('mine-total', '0,86 m²');
    await phone.goto(app('/versturen'));
    await phone.waitForText('sync-summary', '8 nog niet verstuurd');

    // The signal comes back, and drops again while the server's answer is on its way:
    // the server has the taps, the phone does not know and sends them again.
    const lost = network.loseNextSyncAnswer();
    network.restore();
    await sendEverything();
    await Promise.race([lost, new Promise((_, reject) => setTimeout(() => reject(new Error('no sync answer was lost on its way')), 15_000))]);
    expect((await coordinator.dashboard(coordinator.tegelwippen.id)).total).toEqual({ areaCm2: 6 * 900 + 2 * 1600, entries: 8 });
    await phone.waitForText('online-status', /Online/);
  });

  it('records a schouw finding with a photo with no signal and it arrives with the photo', async () => {
    await join(coordinator.schouw.id, '/schouw');
    await phone.waitForText('walk-progress', /0 van 10/);
    await offlineReady();

    network.cut();
    await phone.reload();
    await phone.click({ role: 'link', name: /Speeltuin Boerenpad/ });
    await phone.click({ role: 'link', name: 'Bevinding met foto toevoegen' });
    await phone.select('Onderwerp', { value: 'HEEL' });
    await phone.fill('Wat zie je?', `Losse stoeptegel (${engine.name})`);
    await phone.attach('Foto maken', photo);
    await phone.waitForText('photo-count', /1 foto/);
    await phone.waitFor('the photo shown', () => {
      const img = document.querySelector('img[alt="Foto 1 bij deze bevinding"]') as HTMLImageElement | null;
      return Boolean(img?.complete && img.naturalWidth > 0);
    }, undefined);
    await phone.check('Locatie onbekend');
    await phone.screenshot('walk');
    await phone.click({ role: 'button', name: 'Bevinding opslaan' });
    await phone.waitForText('finding-saved', /Bevinding opgeslagen/);

    await phone.reopen(app('/schouw/mijn'));
    await phone.waitForText('my-finding-status', /Nog niet verstuurd/);

    network.restore();
    await sendEverything();
    const { body } = await gqlAt(server.url, 'query($id: ID!) { campaign(id: $id) { findings(first: 10) { edges { node { text photoIds } } } } }', { id: coordinator.schouw.id }, { cookie: coordinator.cookie });
    const findings = body.data.campaign.findings.edges.map((edge: any) => edge.node);
    expect(findings.map((finding: any) => finding.text)).toEqual([`Losse stoeptegel (${engine.name})`]);
    expect(findings[0].photoIds).toHaveLength(1);
    const media = await fetch(`${server.url}/media/${findings[0].photoIds[0]}`, { headers: { cookie: coordinator.cookie } });
    expect(media.status).toBe(200);
    expect(media.headers.get('content-type')).toBe('image/jpeg');
    // The photo itself, whole: the bytes kept on the phone (an ArrayBuffer in WebKit) decode.
    const { format, width, height } = await sharp(Buffer.from(await media.arrayBuffer())).metadata();
    expect({ format, landscape: (width ?? 0) > (height ?? 0), wide: (width ?? 0) >= 200 }).toEqual({ format: 'jpeg', landscape: true, wide: true });
  });

  it('offers an update only when a new version waits, and its button only when nothing is unsent', async () => {
    const checkForUpdate = () => phone.evaluate(() => navigator.serviceWorker.getRegistration().then(async (r) => (await r!.update(), Boolean(r!.waiting || r!.installing))), undefined);
    const updateNow = { role: 'button', name: 'Nu bijwerken' } as const;
    await phone.goto(app('/tellen'));
    await phone.waitForText('street-total', /m²/);
    expect(await checkForUpdate()).toBe(false);
    expect(await phone.shows('Er is een nieuwe versie van de app.')).toBe(false);

    network.publishNewVersion();
    expect(await checkForUpdate()).toBe(true);
    await phone.waitFor('the update prompt', () => document.body.innerText.includes('Er is een nieuwe versie van de app.'), undefined, 30_000);
    await phone.find(updateNow);

    // Something unsent: the prompt stays, but says it waits until everything is sent.
    network.cut();
    await phone.click({ testId: 'add-TEGEL_30X30' });
    await phone.waitFor('the prompt to wait for sending', () => document.body.innerText.includes('Bijwerken kan zodra alles verstuurd is.'), undefined);
    expect(await phone.shows('Nu bijwerken')).toBe(false);
    await phone.screenshot('update-waits');

    // The signal returns while the page stays open (no reload, no online event): it sends
    // by itself, and then offers the button.
    network.restore();
    await phone.find(updateNow, 30_000);
    expect((await coordinator.dashboard(coordinator.tegelwippen.id)).total.entries).toBe(9);
    await phone.evaluate(() => {
      (window as unknown as { beforeUpdate: boolean }).beforeUpdate = true;
      navigator.serviceWorker.addEventListener('controllerchange', () => sessionStorage.setItem('e2e-new-worker', 'in control'));
    }, undefined);
    await phone.click(updateNow);
    // The page reloads under the new worker: it took control, nothing waits, no prompt.
    await phone.waitFor('the page reloaded', () => !(window as unknown as { beforeUpdate?: boolean }).beforeUpdate && document.readyState === 'complete', undefined, 30_000);
    expect(await phone.evaluate(() => sessionStorage.getItem('e2e-new-worker'), undefined)).toBe('in control');
    await phone.waitFor('no version waiting', () => navigator.serviceWorker.getRegistration().then((r) => Boolean(r?.active && !r.waiting)), undefined);
    expect(await phone.shows('Er is een nieuwe versie van de app.')).toBe(false);
  });

  it('two open tabs count on one phone and send everything once, one tab at a time', async () => {
    const second = await Phone.open(engine.name, browser!, app('/tellen'));
    await phone.goto(app('/tellen'));
    // One after the other: WebDriver drives one window at a time.
    await phone.waitForText('street-total', /m²/);
    await second.waitForText('street-total', /m²/);
    network.cut();
    await phone.show();
    for (let i = 0; i < 3; i++) await phone.click({ testId: 'add-TEGEL_30X30' });
    await second.show();
    for (let i = 0; i < 2; i++) await second.click({ testId: 'add-TEGEL_40X40' });
    await phone.show();
    await phone.goto(app('/versturen'));
    await phone.waitForText('sync-summary', '5 nog niet verstuurd'); // both tabs wrote to the one phone

    // Both tabs try to send when the signal is back; the sync lock lets one at a time.
    network.restore();
    await second.reload();
    await sendEverything();
    expect((await coordinator.dashboard(coordinator.tegelwippen.id)).total).toEqual({ areaCm2: 10 * 900 + 4 * 1600, entries: 14 });
    await second.show();
    await second.reload();
    await second.waitFor('the second tab to show it sent', () => /alles verstuurd om \d\d:\d\d/.test(document.body.innerText), undefined);
    await second.closeTab();
  });
});
