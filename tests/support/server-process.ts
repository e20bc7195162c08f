/**
 * Starts the real server (server/src/main.ts) as a child process, the way `npm start`
 * does, and collects what it logs. Used by start-up tests and the end-to-end suite.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  port: number;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Sends a signal and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** A port that was free a moment ago (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

export interface SpawnResult {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

export function spawnServer(env: Record<string, string>): SpawnResult {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Starts the server and resolves once it listens; rejects with its output if it exits. */
export async function startServer(env: Record<string, string>, timeoutMs = 30_000): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const spawned = spawnServer({ HOST: '127.0.0.1', ...env, PORT: String(port) });
  const started = Date.now();
  while (!spawned.output().includes('Server listening at')) {
    if (spawned.child.exitCode !== null) throw new Error(`server exited with ${spawned.child.exitCode}:\n${spawned.output()}`);
    if (Date.now() - started > timeoutMs) {
      spawned.child.kill('SIGKILL');
      throw new Error(`server did not start within ${timeoutMs} ms:\n${spawned.output()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child: spawned.child,
    port,
    url: `http://127.0.0.1:${port}`,
    output: spawned.output,
    async stop(signal = 'SIGTERM') {
      if (spawned.child.exitCode !== null) return spawned.child.exitCode;
      spawned.child.kill(signal);
      return spawned.exited;
    },
  };
}
