import { launchChromium } from './e2e/browser.js';
const url = 'http://127.0.0.1:3999';
const [email, password] = process.argv.slice(2);
const browser = await launchChromium();
const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL' })).newPage();
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console:', m.text()); });
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(`${url}/beheer`);
await page.waitForURL(/inloggen/);
await page.getByLabel('E-mailadres').fill(email!);
await page.getByLabel('Wachtwoord').fill(password!);
await page.getByRole('button', { name: 'Inloggen' }).click();
await page.waitForURL(`${url}/beheer`);
await page.getByRole('link', { name: /Tegelwippen/ }).first().waitFor();
await page.screenshot({ path: '/tmp/shots/home.png', fullPage: true });
const links = await page.locator('td a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
for (const l of links) {
  for (const sub of ['', '/dashboard', '/bevindingen', '/actieplan', '/uitnodigingen', '/deelnemers', '/groot-scherm', '/verslag']) {
    await page.goto(l + sub);
    await page.waitForTimeout(1200);
    const name = (l.split('/').pop()!.slice(0, 6) + sub.replace('/', '_')) || 'x';
    console.log(name, (await page.locator('h1').allTextContents()).join('|'), await page.locator('[role=alert]').allTextContents());
    await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
  }
}
for (const p of ['/beheer/buurt', '/beheer/checklists', '/beheer/campagnes/nieuw']) {
  await page.goto(url + p); await page.waitForTimeout(1000);
  console.log(p, await page.locator('[role=alert]').allTextContents());
  await page.screenshot({ path: `/tmp/shots/${p.replace(/\//g, '_')}.png`, fullPage: true });
}
await browser.close();
