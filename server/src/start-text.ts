/**
 * The short text `npm start` prints once the server listens: where to open the app and
 * the console, the demo coordinator's sign-in (first start only, never in the structured
 * log), a demo invite code with its join link and the public sign-up form per open demo
 * campaign, and a warning when
 * PUBLIC_URL is an address that phones cannot reach.
 */
import os from 'node:os';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import { inviteLink } from './modules/participant/participant-invite.service.js';
import { DEMO_INVITE_LABEL, type DemoCredentials } from './seed/demo-seed.js';
import { signupFormLink } from './modules/signup/signup-link.js';
import { openDemoInvites } from './seed/demo-seed.repo.js';

/** Whether a URL points at this computer only (localhost, 127.x, ::1, 0.0.0.0): a phone cannot open it. */
export function isLocalOnlyUrl(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '::1' || host === '0.0.0.0';
}

/** An address on this machine's network that a phone on the same Wi-Fi could reach, if there is one. */
function networkAddress(): string | null {
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const a of addresses ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}

/** What to tell someone whose PUBLIC_URL phones cannot reach, or null when it is fine. */
export function publicUrlWarning(config: Pick<Config, 'publicUrl' | 'port'>): string | null {
  if (!isLocalOnlyUrl(config.publicUrl)) return null;
  const example = `http://${networkAddress() ?? '192.168.1.20'}:${config.port}`;
  return (
    `PUBLIC_URL is ${config.publicUrl}, which phones cannot reach: invite links and QR codes only work on this computer. ` +
    `To try the field app on a phone in the same network, start with HOST=0.0.0.0 PUBLIC_URL=${example} npm start`
  );
}

/** The address to open in a browser on this computer, from the address the server listens on. */
export function localAddress(listening: string): string {
  const url = new URL(listening);
  if (isLocalOnlyUrl(listening) || url.hostname === '[::]') url.hostname = 'localhost';
  return url.origin;
}

/** Reads what the text needs from the database now; the returned function writes it for the address the server listens on. */
export async function startText(db: Db, config: Pick<Config, 'publicUrl' | 'port'>, credentials: DemoCredentials | null): Promise<(listening: string) => string> {
  const invites = await openDemoInvites(db, DEMO_INVITE_LABEL);
  const warning = publicUrlWarning(config);
  return (listening) => {
    const open = localAddress(listening);
    const lines = ['', 'Buurtkracht is running.', '', `  Open the app:  ${open}`, `  Console:       ${open}/beheer`];
    if (credentials) lines.push(`  Demo coordinator (shown only now): ${credentials.email} / ${credentials.password}`);
    else lines.push("  Sign in there with the demo coordinator's password from the first start, or make an account: npm run admin:create -- --email you@example.org");
    if (invites.length > 0) {
      lines.push('', '  Try the field app with a demo invite (type the code on /meedoen, or open the link):');
      for (const invite of invites) lines.push(`    ${invite.campaignName}: code ${invite.code}  ${inviteLink(config, invite.code)}`);
    }
    const signups = invites.filter((invite) => invite.signupOpen === 1);
    if (signups.length > 0) {
      lines.push('', '  Or sign up for a date first, as residents do from the poster (no app needed):');
      for (const invite of signups) lines.push(`    ${invite.campaignName}: ${signupFormLink(config, invite.campaignId)}`);
    }
    if (warning) lines.push('', `  Note: ${warning}`);
    return `${lines.join('\n')}\n\n`;
  };
}
