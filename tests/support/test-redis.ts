/**
 * The test Redis (TEST_REDIS_URL; CI starts one): key prefixes of a test's own, so that
 * parallel test files can share that server, removing what a test left under its prefix,
 * and a TCP proxy in front of it that a test can take away, bring back or make hang.
 */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { createLogger } from '../../server/src/logger.js';
import { closeRedis, connectRedis } from '../../server/src/shared-store/redis-client.js';

export const redisUrl = process.env.TEST_REDIS_URL;
export const freshPrefix = () => `bk-test-${randomUUID()}:`;

/** Removes what a test left under its prefix (the windows would expire anyway). */
export async function removeKeys(prefix: string): Promise<void> {
  const raw = await connectRedis(redisUrl!, '', createLogger({ logLevel: 'silent' }));
  try {
    const keys = await raw.keys(`${prefix}*`);
    if (keys.length > 0) await raw.del(...keys);
  } finally {
    await closeRedis(raw);
  }
}

/**
 * A TCP proxy in front of the test Redis that the test can take away (it closes every
 * connection and refuses new ones), bring back on the same port, or make hang (it keeps
 * the connections but forwards nothing).
 */
export class TcpProxy {
  #server: net.Server | null = null;
  readonly #sockets = new Set<net.Socket>();
  #hanging = false;
  #port = 0;

  private constructor(private readonly target: URL) {}

  static async start(target: URL): Promise<TcpProxy> {
    const proxy = new TcpProxy(target);
    await proxy.up();
    return proxy;
  }

  /** The test Redis's URL (its password too), through the proxy. */
  get url(): string {
    const url = new URL(this.target);
    url.hostname = '127.0.0.1';
    url.port = String(this.#port);
    return url.toString();
  }

  async up(): Promise<void> {
    this.#hanging = false;
    const server = net.createServer((client) => {
      const upstream = net.connect(Number(this.target.port || 6379), this.target.hostname);
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.on('close', () => this.#sockets.delete(socket));
        socket.on('error', () => {});
      }
      client.on('data', (data) => void (this.#hanging || upstream.write(data)));
      upstream.on('data', (data) => void (this.#hanging || client.write(data)));
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, '127.0.0.1', () => resolve());
    });
    this.#port = (server.address() as net.AddressInfo).port;
    this.#server = server;
  }

  hang(): void {
    this.#hanging = true;
  }

  async down(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    for (const socket of this.#sockets) socket.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  close(): Promise<void> {
    return this.down();
  }
}
