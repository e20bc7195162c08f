/**
 * Whether an invite link points at this computer only (PUBLIC_URL left at localhost):
 * a phone that scans the QR code cannot open it. The server warns in its start-up log
 * with the same rule (server/src/start-text.ts).
 */
export function isLocalOnlyLink(link: string): boolean {
  let host: string;
  try {
    host = new URL(link).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return false;
  }
  return host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '::1' || host === '0.0.0.0';
}
