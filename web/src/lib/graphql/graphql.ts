/**
 * `graphql()`: every operation of the web app is written with it, typed by gql.tada from
 * schema.graphql through the generated introspection in graphql-env.d.ts (regenerate it
 * with `npm run graphql:types -w web` after `npm run schema:print`). `npm run check`
 * validates each document against schema.graphql (gql-tada check) and fails when
 * graphql-env.d.ts is older than the schema.
 *
 * Only the types come from gql.tada. Its own runtime parses every document in the browser
 * (@0no-co/graphql.web, about 3 KB gzip with the printer the client would need), which the
 * field screens' script budget has no room for; the server only needs the text. So a
 * document here is the text as written plus that of its fragments, each fragment once,
 * with no parsed definitions, as gql.tada's own persisted documents have none either.
 */
import type { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

export type Graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: {
    /** ISO-8601 in UTC, e.g. 2026-05-16T09:30:00.000Z. */
    DateTime: string;
    /** Sync arguments and pulled rows: read through the sync protocol's own types. */
    JSON: unknown;
  };
  // A fragment is only a way to write fields once: its fields belong to whoever spreads it.
  disableMasking: true;
}>;

export type { ResultOf, VariablesOf, TadaDocumentNode } from 'gql.tada';

// Each document's text and those of the fragments it spreads, in order, without repeats.
const textsOf = new WeakMap<object, readonly string[]>();

function sendableDocument(text: string, fragments: readonly object[] = []) {
  const texts = [...new Set([text, ...fragments.flatMap((fragment) => textsOf.get(fragment) ?? [])])];
  const body = texts.join('\n');
  const document = {
    kind: 'Document',
    definitions: [],
    loc: { start: 0, end: body.length, source: { body, name: 'GraphQLTada', locationOffset: { line: 1, column: 1 } } },
  };
  textsOf.set(document, texts);
  return document;
}

export const graphql = Object.assign(sendableDocument, {
  scalar: (_name: string, value: unknown) => value,
  persisted: () => {
    throw new Error('Persisted documents are not used here.');
  },
}) as unknown as Graphql;

/** The text the server receives for a document made by graphql(). */
export const documentText = (document: { loc?: { source: { body: string } } }): string => {
  if (!document.loc) throw new Error('A GraphQL document without its text: write it with graphql() from $lib/graphql/graphql.');
  return document.loc.source.body;
};

/** The values of one of the schema's enums or scalars, e.g. SchemaType<'FindingStatus'>. */
export type SchemaType<Name extends string> = ReturnType<typeof graphql.scalar<Name>>;
