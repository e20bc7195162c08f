/**
 * A real SMTP server in the test process (the smtp-server package) that keeps every mail
 * it accepted, parsed (mailparser), and can be told to refuse for a while: a reply code at
 * MAIL FROM, at RCPT TO or at the end of DATA, as a mail server that is down or overloaded
 * answers, or a login (535, as for a wrong password). On request it offers STARTTLS (with
 * smtp-server's own self-signed certificate) and asks for a login.
 */
import net from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope's recipients (RCPT TO). */
  to: string[];
  parsed: ParsedMail;
}

export interface Refusal {
  at: 'MAIL' | 'RCPT' | 'DATA';
  code: number;
  /** Only this recipient is refused; every one when unset. */
  recipient?: string;
}

const refusal = (code: number) => Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: code });

/** A port on loopback that nothing listens on (yet). */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export interface TestSmtpOptions {
  /** Offers STARTTLS; clients must accept its self-signed certificate (`tls.rejectUnauthorized=false`). */
  tls?: boolean;
  /** Asks for a login with this user name and password (also over plain text when tls is off). */
  login?: { user: string; pass: string };
}

export const SELF_SIGNED_OK = 'tls.rejectUnauthorized=false';

export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  /** What the server refuses now; null: it accepts everything. */
  refuse: Refusal | null = null;
  /** How many times it refused so far. */
  refusals = 0;
  /** A reply code for every login while set (535: wrong user name or password). */
  refuseLogin: number | null = null;
  /** Every login tried: whether the user name and password were right, and whether they came over TLS. */
  readonly logins: { accepted: boolean; overTls: boolean }[] = [];
  readonly #server: SMTPServer;

  private constructor(
    readonly port: number,
    readonly options: TestSmtpOptions,
  ) {
    const { tls = false, login } = options;
    this.#server = new SMTPServer({
      authOptional: !login,
      allowInsecureAuth: true,
      disabledCommands: [...(tls ? [] : ['STARTTLS']), ...(login ? [] : ['AUTH'])],
      logger: false,
      onAuth: (auth, session, callback) => {
        const accepted = this.refuseLogin === null && auth.username === login?.user && auth.password === login?.pass;
        this.logins.push({ accepted, overTls: session.secure });
        if (!accepted) return callback(refusal(this.refuseLogin ?? 535));
        callback(null, { user: auth.username });
      },
      onMailFrom: (_address, _session, callback) => {
        const refuse = this.refuse;
        if (refuse?.at === 'MAIL') {
          this.refusals++;
          return callback(refusal(refuse.code));
        }
        callback();
      },
      onRcptTo: (address, _session, callback) => {
        const refuse = this.refuse;
        if (refuse?.at === 'RCPT' && (!refuse.recipient || refuse.recipient === address.address)) {
          this.refusals++;
          return callback(refusal(refuse.code));
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        simpleParser(stream)
          .then((parsed) => {
            const refuse = this.refuse;
            if (refuse?.at === 'DATA' && (!refuse.recipient || to.includes(refuse.recipient))) {
              this.refusals++;
              return callback(refusal(refuse.code));
            }
            this.received.push({ to, parsed });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
  }

  /** Starts listening on `port` (a free one by default). */
  static async start(port = 0, options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
    const chosen = port || (await freePort());
    const server = new TestSmtpServer(chosen, options);
    await new Promise<void>((resolve, reject) => {
      server.#server.once('error', reject);
      server.#server.listen(chosen, '127.0.0.1', () => resolve());
    });
    return server;
  }

  /** Without credentials; see loginUrl for a server that asks for a login. */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** smtp://user:pass@… with the given (or the server's own) credentials; accepts the self-signed certificate when the server offers TLS. */
  loginUrl(user = this.options.login?.user ?? 'mailer', pass = this.options.login?.pass ?? 'geheim'): string {
    const query = this.options.tls ? `?${SELF_SIGNED_OK}` : '';
    return `smtp://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@127.0.0.1:${this.port}${query}`;
  }

  /** The mails received so far once there are at least `count`; fails after `timeoutMs`. */
  async waitFor(count: number, timeoutMs = 15_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} mail(s) within ${timeoutMs} ms, got ${this.received.length}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.received.slice();
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
