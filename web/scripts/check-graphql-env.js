/**
 * Fails when src/lib/graphql/graphql-env.d.ts (the schema as gql.tada types the
 * operations with) is not what ../schema.graphql gives: the operations would be typed
 * against an old schema. Part of `npm run check`; `npm run graphql:types` brings the file
 * up to date. `--tsconfig <file>` reads the schema from another configuration (tests).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.resolve(import.meta.dirname, '..');
const checkedIn = path.join(web, 'src/lib/graphql/graphql-env.d.ts');
const cli = fileURLToPath(new URL('bin/cli.js', import.meta.resolve('gql.tada/package.json')));
const tsconfig = process.argv.includes('--tsconfig') ? process.argv[process.argv.indexOf('--tsconfig') + 1] : path.join(web, 'tsconfig.json');

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'graphql-env-'));
try {
  const fresh = path.join(folder, 'graphql-env.d.ts');
  execFileSync(process.execPath, [cli, 'generate-output', '--tsconfig', tsconfig, '--output', fresh], { cwd: web, stdio: ['ignore', 'ignore', 'inherit'] });
  if (!fs.existsSync(checkedIn) || fs.readFileSync(fresh, 'utf8') !== fs.readFileSync(checkedIn, 'utf8')) {
    console.error('web/src/lib/graphql/graphql-env.d.ts does not match schema.graphql: run `npm run graphql:types -w web` and commit the result.');
    process.exitCode = 1;
  }
} finally {
  fs.rmSync(folder, { recursive: true, force: true });
}
