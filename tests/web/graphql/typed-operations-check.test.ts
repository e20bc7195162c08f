/**
 * `npm run check` fails on an operation that does not validate against schema.graphql
 * (gql-tada check, as the web package's graphql:check script runs it) and when
 * graphql-env.d.ts no longer matches schema.graphql. The checker only reads
 * web/src/lib/graphql (see its tsconfig.check.json), so no operation may be written
 * anywhere else in web/src.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { webGraphqlFolder } from '../../support/operation-documents.js';

const web = path.resolve(webGraphqlFolder, '../../..');
const cli = fileURLToPath(new URL('bin/cli.js', import.meta.resolve('gql.tada/package.json')));
const folders: string[] = [];
afterAll(() => folders.forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

/** A folder outside the project with these files, checked with the project's own check configuration. */
function checkedFolder(files: Record<string, string>): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'typed-operations-'));
  folders.push(folder);
  const config = { extends: path.join(webGraphqlFolder, 'tsconfig.check.json'), include: ['./*.ts'] };
  fs.writeFileSync(path.join(folder, 'tsconfig.json'), JSON.stringify(config));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), text);
  return path.join(folder, 'tsconfig.json');
}

function run(args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, args, { cwd: web, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, output: result.stdout + result.stderr };
}

const gqlTadaCheck = (tsconfig: string) => run([cli, 'check', '--fail-on-warn', '--tsconfig', tsconfig]);
const operationModule = (text: string) => `import { graphql } from '$lib/graphql/graphql';\nexport const OPERATION = graphql(\`${text}\`);\n`;

describe('the check of typed operations', { timeout: 180_000 }, () => {
  it('is part of npm run check (root → web → graphql:check)', () => {
    const rootScripts = (JSON.parse(fs.readFileSync(path.resolve(web, '../package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const webScripts = (JSON.parse(fs.readFileSync(path.join(web, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(rootScripts.check).toContain('npm run check -w web');
    expect(webScripts.check).toMatch(/&& npm run graphql:check$/);
    expect(webScripts['graphql:check']).toBe('node scripts/check-graphql-env.js && gql-tada check --fail-on-warn --tsconfig src/lib/graphql/tsconfig.check.json');
  });

  it('passes on the app’s own operations', () => {
    const { status, output } = gqlTadaCheck(path.join(webGraphqlFolder, 'tsconfig.check.json'));
    expect(output).toContain('No problems found');
    expect(status).toBe(0);
  });

  it('passes on a valid operation and fails on an unknown field, a wrong argument and a wrong variable type, naming each', () => {
    const valid = gqlTadaCheck(checkedFolder({ 'valid.ts': operationModule('query Valid($id: ID!) { campaign(id: $id) { id name kind } }') }));
    expect(valid.output).toContain('No problems found');
    expect(valid.status).toBe(0);

    const invalid = gqlTadaCheck(
      checkedFolder({
        'unknown-field.ts': operationModule('query UnknownField($id: ID!) { campaign(id: $id) { id nmae } }'),
        'wrong-argument.ts': operationModule('mutation WrongArgument($id: ID!) { revokeParticipant(participant: $id) { id } }'),
        'wrong-variable.ts': operationModule('query WrongVariable($id: String!) { campaign(id: $id) { id } }'),
      }),
    );
    expect(invalid.status).not.toBe(0);
    expect(invalid.output).toMatch(/unknown-field\.ts[\s\S]*Cannot query field "nmae" on type "Campaign"/);
    expect(invalid.output).toMatch(/wrong-argument\.ts[\s\S]*Unknown argument "participant" on field "Mutation\.revokeParticipant"/);
    expect(invalid.output).toMatch(/wrong-variable\.ts[\s\S]*Variable "\$id" of type "String!" used in position expecting type "ID!"/);
  });
});

describe('graphql-env.d.ts', { timeout: 120_000 }, () => {
  const script = path.join(web, 'scripts/check-graphql-env.js');

  it('matches schema.graphql', () => {
    const { status, output } = run([script]);
    expect(output).toBe('');
    expect(status).toBe(0);
  });

  it('fails the check once schema.graphql changes without regenerating it', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'changed-schema-'));
    folders.push(folder);
    const schema = fs.readFileSync(path.resolve(web, '../schema.graphql'), 'utf8');
    expect(schema).toContain('  campaignName: String!');
    fs.writeFileSync(path.join(folder, 'schema.graphql'), schema.replace('  campaignName: String!', '  campaignTitle: String!'));
    const plugin = { name: 'gql.tada/ts-plugin', schema: path.join(folder, 'schema.graphql'), tadaOutputLocation: path.join(folder, 'graphql-env.d.ts') };
    fs.writeFileSync(path.join(folder, 'tsconfig.json'), JSON.stringify({ extends: path.join(web, 'tsconfig.json'), compilerOptions: { plugins: [plugin] } }));
    const { status, output } = run([script, '--tsconfig', path.join(folder, 'tsconfig.json')]);
    expect(status).toBe(1);
    expect(output).toContain('graphql-env.d.ts does not match schema.graphql: run `npm run graphql:types -w web`');
  });
});

describe('where operations are written', () => {
  /** Every .ts and .svelte file of web/src outside lib/graphql. */
  const elsewhere = fs
    .readdirSync(path.join(web, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|svelte)$/.test(file) && !file.startsWith('lib/graphql/'))
    .map((file) => [file, fs.readFileSync(path.join(web, 'src', file), 'utf8')] as const);

  it('is lib/graphql only, where the check reads them', () => {
    expect(elsewhere.length).toBeGreaterThan(100);
    const found = elsewhere.filter(([, text]) => /\bgraphql\s*\(|[`'"]\s*(query|mutation|subscription|fragment)\s+\w+\s*[({]/.test(text)).map(([file]) => file);
    expect(found).toEqual([]);
  });
});
