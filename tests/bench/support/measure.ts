/** Shared pieces of the benchmarks: load generation, medians, child servers, output. */
import { spawn, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { freePort, repoRoot } from '../../support/server-process.js';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const round = (value: number, digits = 3) => Number(value.toFixed(digits));

const reported = new Map<string, Record<string, unknown>>();

/** Prints the one JSON line a benchmark reports. */
export function report(line: Record<string, unknown>): void {
  if (typeof line.bench === 'string') reported.set(line.bench, line);
  console.log(JSON.stringify(line));
}

/** A line printed earlier in this run (`npm run bench` runs sync-ingest before sync-ingest-postgres), if any. */
export const reportedLine = (bench: string): Record<string, unknown> | undefined => reported.get(bench);

export interface ChildServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts `node --import tsx <script>` with PORT set; ready when /healthz or the script says so. */
export async function startChildServer(script: string, env: Record<string, string>, readyPath?: string, onOutput?: (chunk: string) => void): Promise<ChildServer> {
  const port = await freePort();
  // BENCH_PROFILE_DIR=dir writes a CPU profile of each server to dir, to see where time goes.
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  // The benchmark names its database: a DATABASE_URL in the shell must not move a SQLite bench to PostgreSQL.
  const { DATABASE_URL: _inherited, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, [...profile, '--import', 'tsx', script], {
    cwd: repoRoot,
    env: { ...inherited, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
    onOutput?.(String(chunk));
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`${script} did not start`);
    if (readyPath) {
      const ok = await fetch(`${url}${readyPath}`).then((r) => r.ok).catch(() => false);
      if (ok) break;
    } else if (output.includes('listening')) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  // Drop logs as they come, as a log shipper would; keep nothing in memory.
  child.stdout?.removeAllListeners('data');
  child.stdout?.resume();
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Requests per second of POST /graphql with one body, after a short warm-up. */
export async function graphqlRps(url: string, body: string, seconds: number, connections = 10): Promise<number> {
  const options = {
    url: `${url}/graphql`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body,
    connections,
  };
  await autocannon({ ...options, duration: 1 });
  const result = await autocannon({ ...options, duration: seconds });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`load run had ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  return result.requests.average;
}
