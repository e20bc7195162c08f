/// <reference lib="dom" />
/**
 * Reads a PDF the way a person would look at it: PDF.js (pdfjs-dist, in Chromium) gives the
 * number of pages and each page's text, and renders pages to an image for a screenshot.
 * Served from node_modules on a made-up origin, so nothing is downloaded at run time.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { repoRoot } from '../../support/server-process.js';

const ORIGIN = 'http://pdfjs.test';
const build = path.join(repoRoot, 'node_modules/pdfjs-dist/build');

// A module script, not a dynamic import in page.evaluate (the test runner would rewrite that).
const PAGE = `<!doctype html><html><body style="margin:0;background:#6b7280">
<div id="pages" style="display:flex;gap:16px;padding:16px"></div>
<script type="module">
  import * as pdfjs from '/pdf.mjs';
  pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
  window.pdfjsLib = pdfjs;
</script></body></html>`;

export interface ReadPdf {
  /** The text of each page, in page order, words joined by single spaces. */
  pages: string[];
  /** Renders the given pages (1-based) side by side and writes them as one PNG. */
  screenshot(pageNumbers: number[], file: string): Promise<void>;
  close(): Promise<void>;
}

export async function readPdf(browser: Browser, pdf: Buffer): Promise<ReadPdf> {
  const context = await browser.newContext({ viewport: { width: 1300, height: 1000 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.route(`${ORIGIN}/**`, (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    if (name === '') return route.fulfill({ contentType: 'text/html', body: PAGE });
    if (name === 'pdf.mjs' || name === 'pdf.worker.mjs') return route.fulfill({ contentType: 'text/javascript', body: fs.readFileSync(path.join(build, name)) });
    return route.fulfill({ status: 404, body: '' });
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => 'pdfjsLib' in window);
  const pages = await page.evaluate(async (base64) => {
    const pdfjs = (window as unknown as { pdfjsLib: any }).pdfjsLib;
    const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const doc = await pdfjs.getDocument({ data }).promise;
    (window as unknown as { pdfDoc: unknown }).pdfDoc = doc;
    const texts: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      texts.push(content.items.map((item: { str?: string }) => item.str ?? '').join(' ').replace(/\s+/g, ' ').trim());
    }
    return texts;
  }, pdf.toString('base64'));
  return {
    pages,
    async screenshot(pageNumbers, file) {
      await page.evaluate(async (numbers) => {
        const doc = (window as unknown as { pdfDoc: { getPage(n: number): Promise<any> } }).pdfDoc;
        const holder = document.getElementById('pages')!;
        holder.replaceChildren();
        for (const n of numbers) {
          const pdfPage = await doc.getPage(n);
          const viewport = pdfPage.getViewport({ scale: 1.0 });
          const canvas = document.createElement('canvas');
          canvas.width = viewport.width;
          canvas.height = viewport.height;
          canvas.style.background = '#fff';
          holder.append(canvas);
          await pdfPage.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise;
        }
      }, pageNumbers);
      const size = await page.locator('#pages').evaluate((holder) => ({ width: holder.scrollWidth, height: holder.scrollHeight }));
      await page.setViewportSize({ width: Math.max(400, size.width), height: Math.max(400, size.height) });
      await page.locator('#pages').screenshot({ path: file });
    },
    close: () => context.close(),
  };
}
