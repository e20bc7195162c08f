/**
 * `npm run bench`: runs every tests/bench/*.bench.ts in turn (or those named on the
 * command line). Each prints one JSON line with its own baseline and ratio. In order of
 * their names without ".bench.ts", so that a PostgreSQL twin (sync-ingest-postgres) runs
 * after its SQLite bench (sync-ingest) and can set its numbers beside that one's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const folder = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const nameOf = (file: string) => file.slice(0, -'.bench.ts'.length);
const files = fs
  .readdirSync(folder)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0));

let failed = false;
for (const file of files) {
  const bench = (await import(pathToFileURL(path.join(folder, file)).href)) as { run: () => Promise<void> };
  try {
    await bench.run();
  } catch (error) {
    failed = true;
    console.error(`${file} failed:`, error);
  }
}
process.exitCode = failed ? 1 : 0;
