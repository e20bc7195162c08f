import puppeteer from 'puppeteer-core';
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
for (const order of [['N', 'D', 'P', 'C'], ['D', 'N', 'P', 'C'], ['C', 'N', 'D', 'P']]) {
  const page = await browser.newPage();
  await page.goto('data:text/html,<p>x</p>');
  const r = await page.evaluate((order) => {
    const make = { N: () => new Intl.NumberFormat('nl-NL').format(1234.5), D: () => new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit' }).format(new Date()), P: () => new Intl.PluralRules('nl-NL').select(2), C: () => Intl.getCanonicalLocales('nl-NL') };
    return order.map((k) => { const t = performance.now(); make[k](); return `${k}:${(performance.now() - t).toFixed(1)}`; }).join(' ');
  }, order);
  console.log(r);
  await page.close();
}
await browser.close();
