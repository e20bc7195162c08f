/**
 * The Pothos schema builder: plugins, scalars, the context type and the scope
 * definitions. It defines no object types; feature modules add theirs in *.schema.ts.
 */
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { getNullableType, isListType } from 'graphql';
import { z } from 'zod';
import type { Context } from './context.js';
import { badInput, DomainError, ErrorCode, notFound, unauthenticated } from '../domain-error.js';
import { toGraphQLError } from './errors.js';
import PlainTextPlugin from './plain-text-plugin.js';
import { complexityLimits, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './limits.js';
import '../validation-locale.js';

export interface AuthScopes {
  /** Anyone, signed in or not. */
  public: boolean;
  /** Any signed-in staff member (admin, coordinator, partner). */
  staff: boolean;
  admin: boolean;
  /** Admins and coordinators; which neighbourhood is checked per object in services. */
  coordinator: boolean;
  /** A field participant with a valid device token. */
  participant: boolean;
}

export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: AuthScopes;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  DefaultInputFieldRequiredness: true;
  Scalars: {
    DateTime: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  // Scope-auth first so that no resolver runs for a caller who may not see a field. The
  // checks of arguments (plain-text, then zod) come before it: they look at nothing stored,
  // so what they answer tells nobody anything about the data.
  plugins: [ScopeAuthPlugin, ErrorsPlugin, PlainTextPlugin, ValidationPlugin, DataloaderPlugin, RelayPlugin, ComplexityPlugin],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  // Every root field declares who may call it, and every object type holding anything
  // not public declares scopes of its own (checked again per object in services). Types
  // of public data (streets, spots, days, totals) declare none: a type check runs once per
  // object, and "everyone" on twenty streets cost a tenth of a small request.
  scopeAuth: {
    authScopes: async ({ viewer }) => ({
      public: true,
      staff: viewer.kind === 'staff',
      admin: viewer.kind === 'staff' && viewer.role === 'ADMIN',
      coordinator: viewer.kind === 'staff' && (viewer.role === 'ADMIN' || viewer.role === 'COORDINATOR'),
      participant: viewer.kind === 'participant',
    }),
    // Without valid credentials: 401, which tells nothing about the data. Signed in but
    // not allowed: the same answer as for something that does not exist.
    unauthorizedError: (_parent, { viewer }) =>
      viewer.kind === 'anonymous' ? unauthenticated(viewer.credentialProblem) : notFound(),
  },
  validation: {
    validationError: (failure) =>
      badInput(failure.issues.map((issue) => issue.message).join(' '), {
        fields: failure.issues.map((issue) => ({
          path: (issue.path ?? []).map((p) => (typeof p === 'object' ? String(p.key) : String(p))),
          message: issue.message,
        })),
      }),
  },
  errors: {
    defaultTypes: [],
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: complexityLimits,
    // A connection costs as many times its selection as the page it asks for; its edges
    // list is already counted by that, so it does not multiply again.
    fieldComplexity: (args, _ctx, field) => {
      if (field.args.some((arg) => arg.name === 'first')) {
        const size = Number(args.first ?? args.last ?? DEFAULT_PAGE_SIZE);
        return { field: 1, multiplier: Number.isFinite(size) ? Math.max(size, 1) : MAX_PAGE_SIZE };
      }
      if (field.name === 'edges') return { field: 1, multiplier: 1 };
      return isListType(getNullableType(field.type)) ? { field: 1, multiplier: 10 } : 1;
    },
    complexityError: (kind, result) =>
      new DomainError(
        ErrorCode.QUERY_TOO_COMPLEX,
        `Deze vraag is te groot (${kind.toLowerCase()} ${result[kind.toLowerCase() as 'depth']}). Vraag minder velden of kleinere pagina's op.`,
      ),
  },
});

builder.scalarType('DateTime', {
  description: 'A moment in time as an ISO-8601 string in UTC, e.g. 2026-05-16T09:30:00.000Z.',
  serialize: (value) => value,
  parseValue: (value) => {
    const parsed = z.iso.datetime({ offset: true }).safeParse(value);
    // Already a GraphQL error: graphql-js prefixes any other error from a scalar with English
    // text, and a literal in a query is refused in validation, before any resolver runs.
    if (!parsed.success) throw toGraphQLError(badInput('Ongeldige datum/tijd: gebruik ISO-8601, bijvoorbeeld 2026-05-16T09:30:00Z.'));
    return new Date(parsed.data).toISOString();
  },
});

builder.scalarType('JSON', {
  description: 'A JSON value: sync command arguments and pulled snapshots, validated per command.',
  serialize: (value) => value,
  parseValue: (value) => value,
});

builder.queryType({});
builder.mutationType({});

/** Builds input fields that several input types share (see finding.schema.ts). */
export type InputFieldBuilder = PothosSchemaTypes.InputFieldBuilder<typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never, 'InputObject'>;
