/**
 * The sync call is the protocol's (@buurtkracht/protocol/sync-protocol: SYNC_MUTATION and
 * the SyncResponse the field app reads), shared with the server's tests and benchmarks, so
 * it is not written in lib/graphql and the transport sends its text as it is. Typed here by
 * gql.tada from that same text, the protocol's types must be what schema.graphql gives: a
 * field renamed on either side fails the type check (svelte-check reads tests/web).
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { SYNC_MUTATION, type PushedMutation, type SyncRequest, type SyncResponse } from '@buurtkracht/protocol/sync-protocol';
import { documentText, graphql, type ResultOf, type VariablesOf } from '$lib/graphql/graphql';
import { validationErrors } from '../../support/operation-documents.js';

const SYNC = graphql(SYNC_MUTATION);

type Answer = ResultOf<typeof SYNC>['sync'];
type PulledChange = Answer['pull']['changes'][number];
/** The answer with the one narrowing the protocol makes: a pulled change's op, a String in the schema. */
type AnswerAsTheAppReadsIt = Omit<Answer, 'pull'> & {
  pull: Omit<Answer['pull'], 'changes'> & { changes: (Omit<PulledChange, 'op'> & { op: 'UPSERT' | 'DELETE' })[] };
};

describe('the sync mutation', () => {
  it('answers the protocol’s SyncResponse (both ways assignable) and takes its SyncRequest', () => {
    expectTypeOf<SyncResponse>().toExtend<AnswerAsTheAppReadsIt>();
    expectTypeOf<AnswerAsTheAppReadsIt>().toExtend<SyncResponse>();
    // When the schema makes op an enum, this fails: then compare SyncResponse with Answer itself.
    expectTypeOf<PulledChange['op']>().toEqualTypeOf<string>();
    // args is any JSON value on both sides (the schema's JSON! is typed as a non-null {}).
    type Input = VariablesOf<typeof SYNC>['input'];
    expectTypeOf<Omit<SyncRequest, 'mutations'>>().toExtend<Omit<Input, 'mutations'>>();
    expectTypeOf<Omit<PushedMutation, 'args'>>().toExtend<Omit<Input['mutations'][number], 'args'>>();
  });

  it('is sent as the protocol’s text and validates against schema.graphql', () => {
    expect(documentText(SYNC)).toBe(SYNC_MUTATION);
    expect(validationErrors(SYNC_MUTATION)).toEqual([]);
  });
});
