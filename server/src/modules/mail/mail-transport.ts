/**
 * The SMTP connection residents' mail goes out over, built from SMTP_URL. A URL with a user
 * name or password logs in, and the password must never cross the network readable:
 * smtps:// is TLS from the first byte; for smtp:// TLS (STARTTLS) is required, where
 * nodemailer would otherwise carry on in plain text, password and all, when a server (or
 * someone in between) does not offer STARTTLS. Switches in the URL's query that could
 * undo this are ignored for such a URL. (`secure` in the query never counts: nodemailer
 * takes it from the scheme.)
 */
import nodemailer, { type Transporter } from 'nodemailer';

export interface MailTransportTimeouts {
  connectionTimeout: number;
  greetingTimeout: number;
  socketTimeout: number;
}

/** Well inside a mail's lease (5 minutes): a mail server that hangs gives the mail back for a retry. */
export const DEFAULT_MAIL_TIMEOUTS: MailTransportTimeouts = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/** nodemailer options a URL's query may set that decide between STARTTLS and plain text. */
const TLS_SWITCHES = ['requireTLS', 'ignoreTLS', 'opportunisticTLS'] as const;

export interface MailTransport {
  transport: Transporter;
  /** TLS switches that were in SMTP_URL and were ignored because the URL holds credentials. */
  ignoredSwitches: string[];
}

export function createMailTransport(smtpUrl: string, timeouts: MailTransportTimeouts = DEFAULT_MAIL_TIMEOUTS): MailTransport {
  const url = new URL(smtpUrl);
  if (url.username === '' && url.password === '') {
    return { transport: nodemailer.createTransport({ url: smtpUrl, ...timeouts }), ignoredSwitches: [] };
  }
  // nodemailer lets the URL's query override the options given next to it, so the switches go.
  const ignoredSwitches = TLS_SWITCHES.filter((name) => url.searchParams.has(name));
  for (const name of ignoredSwitches) url.searchParams.delete(name);
  const implicitTls = url.protocol === 'smtps:';
  const transport = nodemailer.createTransport({
    url: ignoredSwitches.length > 0 ? url.href : smtpUrl,
    ...timeouts,
    secure: implicitTls,
    requireTLS: !implicitTls,
  });
  return { transport, ignoredSwitches };
}
