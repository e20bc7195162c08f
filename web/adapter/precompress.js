/**
 * A brotli copy (name.br) beside each of the app's hashed scripts and styles, made once at
 * the highest quality. They never change under their names, so the slow compression is
 * paid here and not per request: about 12% fewer bytes than the server's on-the-fly
 * quality 4 (server/src/http/compression.ts) on a phone's first visit. The server sends
 * them as they are (server/src/http/static-files.ts, preCompressed).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

// As the server: below this a compressed answer is not worth it.
const MIN_BYTES = 1024;

/**
 * @param {string} dir the folder to compress in (and under)
 * @returns {number} how many copies were written
 */
export function precompress(dir) {
  let written = 0;
  for (const name of fs.readdirSync(dir, { recursive: true }).map(String)) {
    if (!/\.(js|css)$/.test(name)) continue;
    const file = path.join(dir, name);
    const content = fs.readFileSync(file);
    if (content.length < MIN_BYTES) continue;
    const params = {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
    };
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(content, { params }));
    written += 1;
  }
  return written;
}
