/** The web app manifest: what a phone shows when Buurtkracht is installed. */
import type { ManifestOptions } from 'vite-plugin-pwa';

export const THEME_COLOR = '#14532d';

export const webManifest: Partial<ManifestOptions> = {
  id: '/',
  name: 'Buurtkracht – schouwen en tegelwippen',
  short_name: 'Buurtkracht',
  description: 'Loop de buurtschouw en tel de gewipte tegels, ook zonder internet.',
  lang: 'nl',
  dir: 'ltr',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  orientation: 'portrait',
  background_color: '#ffffff',
  theme_color: THEME_COLOR,
  categories: ['utilities', 'lifestyle'],
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
    { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
  ],
};
