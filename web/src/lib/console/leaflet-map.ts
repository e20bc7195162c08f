/**
 * One way to set up a console map (findings, scores, spot picker), so the three cannot drift
 * apart in what they share: Leaflet loaded only when a map mounts, the same map options, no
 * "Leaflet" prefix in the attribution, OpenStreetMap tiles from the server's MAP_TILE_URL or
 * a plain background when there are none, and the map removed when the component goes.
 * Markers, popups, clicks and captions stay with each component.
 */
import 'leaflet/dist/leaflet.css';
import type { LayerGroup, Map as LeafletMap, MapOptions } from 'leaflet';
import { mapTileUrl } from './map-settings';

export type Leaflet = typeof import('leaflet');
export type LatLon = [number, number];

/** The middle of the demo neighbourhood; where a map opens before it knows better. */
export const MAP_CENTRE: LatLon = [51.8578, 4.6597];

export interface ConsoleMap {
  L: Leaflet;
  map: LeafletMap;
  /** The component's own markers, above the tiles. */
  markers: LayerGroup;
  /** False when no tiles are configured: the component shows its plain background. */
  hasTiles: boolean;
}

export interface ConsoleMapSettings {
  /** False for a map that only shows (in a report): no zooming, dragging or keyboard focus. */
  interactive?: boolean;
  centre?: LatLon;
  zoom?: number;
  /** A component's own departures from the shared options. */
  options?: MapOptions;
}

/**
 * Mounts a map on `container` and calls `ready` once Leaflet and the tile setting are in;
 * returns the cleanup for onMount. A component gone before then never gets a map. The
 * settings are read then, not before, so a getter gives the view as it is at that moment.
 */
export function mountConsoleMap(container: HTMLElement, settings: ConsoleMapSettings, ready: (map: ConsoleMap) => void): () => void {
  let disposed = false;
  let map: LeafletMap | undefined;
  void (async () => {
    const [L, tiles] = await Promise.all([import('leaflet'), mapTileUrl()]);
    if (disposed) return;
    const { interactive = true, centre = MAP_CENTRE, zoom = 16, options } = settings;
    map = L.map(container, {
      zoomControl: interactive,
      dragging: interactive,
      // The console pages scroll; a wheel over the map should scroll the page, not zoom.
      scrollWheelZoom: false,
      doubleClickZoom: interactive,
      keyboard: interactive,
      attributionControl: true,
      zoomAnimation: interactive,
      fadeAnimation: false,
      ...options,
    }).setView(centre, zoom);
    map.attributionControl.setPrefix(false);
    const hasTiles = Boolean(tiles);
    if (tiles) L.tileLayer(tiles, { maxZoom: 19, attribution: '© OpenStreetMap-bijdragers' }).addTo(map);
    ready({ L, map, markers: L.layerGroup().addTo(map), hasTiles });
  })();
  return () => {
    disposed = true;
    map?.remove();
  };
}

/** Zooms to show every point with a margin of `pad` (a fraction of the span), no closer than `maxZoom`. */
export function fitPoints({ L, map }: Pick<ConsoleMap, 'L' | 'map'>, points: LatLon[], pad: number, maxZoom: number): void {
  if (points.length > 0) map.fitBounds(L.latLngBounds(points).pad(pad), { maxZoom, animate: false });
}

/** Text made safe for a popup or marker, which Leaflet takes as HTML. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
