/**
 * The Content-Security-Policy the PWA works under: everything from our own origin, no
 * framing, no plugins. SvelteKit's SPA shell starts the app with one inline script; its
 * SHA-256 is read from the built index.html at start-up so that script, and no other,
 * may run.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    hashes.push(`'sha256-${createHash('sha256').update(match[1]!, 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/** The origin map tiles come from, as a CSP source; `{s}` subdomains become a wildcard. */
export function tileSource(mapTileUrl: string | null): string[] {
  if (!mapTileUrl) return [];
  const host = /^https:\/\/([^/]+)/.exec(mapTileUrl)?.[1];
  return host ? [`https://${host.replace(/\{s\}/g, '*')}`] : [];
}

export function cspDirectives(webBuildDir: string, mapTileUrl: string | null = null): Record<string, string[]> {
  const indexFile = path.join(webBuildDir, 'index.html');
  const scriptHashes = fs.existsSync(indexFile) ? inlineScriptHashes(fs.readFileSync(indexFile, 'utf8')) : [];
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", ...scriptHashes],
    // Svelte sets inline style attributes (e.g. the shell's display: contents).
    styleSrc: ["'self'", "'unsafe-inline'"],
    // Photos are shown from IndexedDB as blob: URLs before they are uploaded.
    imgSrc: ["'self'", 'data:', 'blob:', ...tileSource(mapTileUrl)],
    connectSrc: ["'self'"],
    workerSrc: ["'self'"],
    manifestSrc: ["'self'"],
    fontSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  };
}
