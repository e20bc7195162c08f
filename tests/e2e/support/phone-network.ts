/**
 * The phone's connection to the server, as a small HTTP proxy that a test can cut and
 * restore. Losing signal in the street is the network failing under the app, not the
 * browser's offline switch: WebKit's WebDriver has no such switch, and a phone with a weak
 * signal often still reports `navigator.onLine`. So the same cut works in every engine and
 * the app must notice lost and returned signal by its requests alone.
 *
 * It can also lose the answer to a sync request after the server applied it (the signal
 * drops while the answer is on its way), and publish a new version of the app: the
 * service worker script is then served with one extra line, which makes its bytes differ,
 * exactly what a deploy does to the browser's update check.
 */
import http from 'node:http';
import { once } from 'node:events';
import type net from 'node:net';

export interface PhoneNetwork {
  /** The address the phone opens: the server, through this connection. */
  readonly url: string;
  /** No signal: open connections break and new ones are refused. */
  cut(): void;
  restore(): void;
  /**
   * The next sync request reaches the server, and its answer is lost on the way back.
   * Resolves once that happened.
   */
  loseNextSyncAnswer(): Promise<void>;
  /** From now on the server offers a new version of the app. */
  publishNewVersion(): void;
  close(): Promise<void>;
}

/** Headers about one connection, not about the answer: never copied onto an edited answer. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'content-encoding', 'content-length', 'etag'];

export async function startPhoneNetwork(serverUrl: string): Promise<PhoneNetwork> {
  const target = new URL(serverUrl);
  const sockets = new Set<net.Socket>();
  let connected = true;
  let version = 1;
  let loseAnswer: (() => void) | null = null;

  /** Reads an answer whole, to change it or to throw it away. */
  const whole = async (stream: http.IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };

  const proxy = http.createServer(async (request, response) => {
    const path = request.url?.split('?')[0];
    const newWorker = version > 1 && path === '/service-worker.js';
    // The new worker's bytes are edited here, so they are asked for whole and uncompressed
    // (a 304 would tell the browser that nothing changed).
    const { 'if-none-match': _tag, 'if-modified-since': _since, ...fresh } = request.headers;
    const headers = newWorker ? { ...fresh, 'accept-encoding': 'identity' } : request.headers;
    // While an answer is to be lost, API requests are read first to see which is a sync.
    const body = loseAnswer && request.method === 'POST' && path === '/graphql' ? await whole(request).catch(() => 'gone' as const) : null;
    if (body === 'gone') return void response.destroy(); // the phone left while sending
    const lose = body?.includes('mutation Sync(') ? loseAnswer : null;
    if (lose) loseAnswer = null;
    // A phone that gives up on this request before the server answered (it left the page)
    // had nothing lost on the way back: the next sync request's answer is lost instead.
    let answered = false;
    const loseTheNextOne = () => {
      if (lose && !answered) loseAnswer ??= lose;
    };

    const upstream = http.request({ host: target.hostname, port: target.port, method: request.method, path: request.url, headers }, async (answer) => {
      if (lose) {
        answered = true;
        await whole(answer).catch(() => undefined); // applied by the server, answered, and the signal drops
        request.socket.destroy();
        return lose();
      }
      if (newWorker) {
        const edited = Buffer.concat([await whole(answer), Buffer.from(`\n// app version ${version}\n`)]);
        const kept = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.includes(name)));
        return void response.writeHead(answer.statusCode ?? 502, { ...kept, 'content-length': String(edited.length) }).end(edited);
      }
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => {
      loseTheNextOne();
      response.destroy();
    });
    // A cut connection takes its half-sent request to the server with it.
    response.on('close', () => {
      if (!response.writableFinished) upstream.destroy();
    });
    if (body) upstream.end(body);
    else request.pipe(upstream);
  });
  proxy.on('connection', (socket: net.Socket) => {
    if (!connected) return socket.destroy();
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  proxy.listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  const { port } = proxy.address() as net.AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    cut() {
      connected = false;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      connected = true;
    },
    loseNextSyncAnswer() {
      return new Promise((resolve) => (loseAnswer = resolve));
    },
    publishNewVersion() {
      version += 1;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      proxy.close();
      await once(proxy, 'close');
    },
  };
}
