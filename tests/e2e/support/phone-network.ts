/**
 * The phone's connection to the server, as a small HTTP proxy that a test can cut and
 * restore. Losing signal in the street is the network failing under the app, not the
 * browser's offline switch: WebKit's WebDriver has no such switch, and a phone with a weak
 * signal often still reports `navigator.onLine`. So the same cut works in every engine and
 * the app must notice lost and returned signal by its requests alone.
 *
 * It can also publish a new version of the app: the service worker script is then served
 * with one extra line, which makes its bytes differ, exactly what a deploy does to the
 * browser's update check.
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
  /** From now on the server offers a new version of the app. */
  publishNewVersion(): void;
  close(): Promise<void>;
}

export async function startPhoneNetwork(serverUrl: string): Promise<PhoneNetwork> {
  const target = new URL(serverUrl);
  const sockets = new Set<net.Socket>();
  let connected = true;
  let version = 1;

  const proxy = http.createServer((request, response) => {
    const newWorker = version > 1 && request.url?.split('?')[0] === '/service-worker.js';
    // The new worker's bytes are edited here, so they are asked for whole and uncompressed
    // (a 304 would tell the browser that nothing changed).
    const { 'if-none-match': _tag, 'if-modified-since': _since, ...fresh } = request.headers;
    const headers = newWorker ? { ...fresh, 'accept-encoding': 'identity' } : request.headers;
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: request.method, path: request.url, headers },
      (answer) => {
        if (newWorker) {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () => {
            const body = Buffer.concat([...chunks, Buffer.from(`\n// app version ${version}\n`)]);
            const { etag: _etag, ...kept } = answer.headers;
            response.writeHead(answer.statusCode ?? 502, { ...kept, 'content-length': String(body.length) }).end(body);
          });
          return;
        }
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
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
