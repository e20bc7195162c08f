/**
 * Cache-Control for the built web app. Hashed build output never changes under its name,
 * so browsers may keep it for a year. Everything else (index.html, the service worker,
 * the manifest, icons) must be revalidated, or an installed PWA could stay on an old
 * version forever.
 */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** `relativePath` is the file's path inside the build folder, with forward slashes. */
export function cacheControlFor(relativePath: string): string {
  return relativePath.startsWith('_app/immutable/') ? IMMUTABLE : REVALIDATE;
}
