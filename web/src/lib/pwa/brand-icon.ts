/**
 * The brand mark (static/icons/icon.svg, also the install icon in the web manifest) as a
 * data: URL, for the places that show it on every first visit: the shell's brand bar and
 * tab icon, and the app's headers. As a file it costs a request each on a slow phone
 * connection, and the browser asks for it again from each place that shows it.
 */
import iconSvg from '../../../static/icons/icon.svg?raw';

// The comment inside the file is for people reading it, not for the phone.
const markup = iconSvg.replace(/<!--[\s\S]*?-->/g, '').replace(/>\s+</g, '><').trim();

export const brandIconUrl = `data:image/svg+xml,${encodeURIComponent(markup)}`;
