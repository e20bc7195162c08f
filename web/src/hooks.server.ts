import type { Handle } from '@sveltejs/kit';
import { shellForSlowConnections } from '$lib/pwa/app-shell';

// The app renders nothing on a server: this runs once, when the build writes the shell
// (index.html) every address starts from.
export const handle: Handle = ({ event, resolve }) => resolve(event, { transformPageChunk: ({ html }) => shellForSlowConnections(html) });
