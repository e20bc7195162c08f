/**
 * The server's import graph, read from the sources as TypeScript reads them: services
 * know nothing of GraphQL (they throw DomainErrors, which graphql/errors.ts maps once, at
 * the edge), the domain error module depends on nothing, and no module imports itself
 * back through another (the sync-entries ↔ sync.service cycle must not return).
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DomainError, ErrorCode, notFound, unauthenticated } from '../../server/src/domain-error.js';

const root = path.resolve(import.meta.dirname, '../../server/src');
const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');

/** Every source file of the server with what it imports: files of the server by path, anything else as written. */
function importGraph(): Map<string, { files: string[]; packages: string[] }> {
  const graph = new Map<string, { files: string[]; packages: string[] }>();
  for (const name of fs.readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (!/\.(ts|mjs)$/.test(name)) continue;
    const file = path.join(root, name);
    const imports = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true).importedFiles.map((i) => i.fileName);
    const files: string[] = [];
    const packages: string[] = [];
    for (const spec of imports) {
      const target = spec.startsWith('.') ? path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts') : null;
      if (target?.startsWith(root + path.sep)) files.push(relative(target));
      else packages.push(spec);
    }
    graph.set(relative(file), { files, packages });
  }
  return graph;
}

/** Groups of files that import each other, directly or around a loop (Tarjan's strongly connected components). */
function cycles(graph: Map<string, { files: string[] }>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string) => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file)?.files ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    if (group.length > 1 || graph.get(file)!.files.includes(file)) found.push(group.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

describe('import graph of server/src', () => {
  const graph = importGraph();

  it('has a domain error module that imports nothing, so nothing of GraphQL', () => {
    expect(graph.get('domain-error.ts')).toEqual({ files: [], packages: [] });
    expect(notFound()).not.toBeInstanceOf(GraphQLError);
  });

  it('has no service, repo, auth or sync module that imports graphql or graphql/errors.ts (only *.schema.ts may)', () => {
    const offenders = [...graph]
      .filter(([file]) => (file.startsWith('modules/') || file.startsWith('auth/')) && !file.endsWith('.schema.ts'))
      .filter(([, { files, packages }]) => files.some((f) => f.startsWith('graphql/')) || packages.some((p) => p === 'graphql' || p.startsWith('@apollo/') || p.startsWith('@pothos/')))
      .map(([file]) => file);
    expect(graph.size).toBeGreaterThan(100);
    expect(offenders).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    const looped = new Map([
      ['a.ts', { files: ['b.ts'] }],
      ['b.ts', { files: ['c.ts'] }],
      ['c.ts', { files: ['a.ts'] }],
      ['d.ts', { files: ['a.ts'] }],
    ]);
    expect(cycles(looped)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });
});

describe('DomainError', () => {
  it('crosses a thread as plain data and comes back whole (what the sync worker relies on)', () => {
    const original = new DomainError(ErrorCode.CONFLICT, 'Op deze telefoon staat nog werk dat niet is verstuurd.', { reason: 'UNSENT_WORK', deviceIds: ['d1'] });
    // structuredClone is what postMessage does to the data.
    const back = DomainError.fromJSON(structuredClone(original.toJSON()));
    expect(back).toBeInstanceOf(DomainError);
    expect(back).toMatchObject({ code: 'CONFLICT', message: original.message, details: { reason: 'UNSENT_WORK', deviceIds: ['d1'] } });
    // A DomainError itself does not survive the copy: that is why its data is sent.
    expect(structuredClone(original)).not.toHaveProperty('code');
  });

  it('says why credentials were refused, and nothing about HTTP', () => {
    expect(unauthenticated('SESSION_EXPIRED').toJSON()).toEqual({ code: 'UNAUTHENTICATED', message: 'Je sessie is verlopen. Log opnieuw in.', details: { reason: 'SESSION_EXPIRED' } });
  });
});
