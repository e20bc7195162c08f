/**
 * Reads a QR code on the screen the way a phone's camera would: from a picture of it,
 * not from the page's markup, so a code that shows the wrong link (or none) fails.
 */
import jsqrModule from 'jsqr';
import sharp from 'sharp';
import type { Page } from 'playwright-core';

// jsqr is CommonJS declaring `export default`; under Node's interop the default import is the function itself.
const jsQR = jsqrModule as unknown as typeof jsqrModule.default;

/** The text in the page's `index`-th QR code (data-testid="qr-code"), or null when none can be read. */
export async function readQrCode(page: Page, index = 0): Promise<string | null> {
  const png = await page.getByTestId('qr-code').nth(index).screenshot();
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null;
}
