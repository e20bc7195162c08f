/**
 * The field app's operations (joining, the campaign snapshot, the follow-up key and moving
 * to a new phone) validate against the printed schema.
 */
import { describe, expect, it } from 'vitest';
import * as field from '$lib/graphql/field-operations';
import * as followUp from '$lib/graphql/follow-up-operations';
import { operationDocuments, validationErrors } from '../../support/operation-documents.js';

const documents = [...operationDocuments(field), ...operationDocuments(followUp)];

describe('field app operations', () => {
  it('are there to check', () => {
    expect(documents.map(([name]) => name)).toEqual(expect.arrayContaining(['JOIN_CAMPAIGN', 'CAMPAIGN_SNAPSHOT', 'FOLLOW_UP', 'CLAIM_FOLLOW_UP_KEY', 'START_DEVICE_TRANSFER', 'COMPLETE_DEVICE_TRANSFER']));
  });

  for (const [name, document] of documents) {
    it(`${name} validates against schema.graphql`, () => {
      expect(validationErrors(document)).toEqual([]);
    });
  }
});
