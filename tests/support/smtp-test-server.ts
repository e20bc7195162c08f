/**
 * A real SMTP server in the test process (the smtp-server package) that keeps every mail
 * it accepted, parsed (mailparser), and can be told to refuse for a while: a reply code at
 * RCPT TO or at the end of DATA, as a mail server that is down or overloaded answers.
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
  at: 'RCPT' | 'DATA';
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

export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  /** What the server refuses now; null: it accepts everything. */
  refuse: Refusal | null = null;
  /** How many times it refused so far. */
  refusals = 0;
  readonly #server: SMTPServer;

  private constructor(readonly port: number) {
    this.#server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
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
  static async start(port = 0): Promise<TestSmtpServer> {
    const chosen = port || (await freePort());
    const server = new TestSmtpServer(chosen);
    await new Promise<void>((resolve, reject) => {
      server.#server.once('error', reject);
      server.#server.listen(chosen, '127.0.0.1', () => resolve());
    });
    return server;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
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
