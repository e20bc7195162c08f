/**
 * Lists load their related objects in batches: the number of SQL statements for a page of
 * findings with spot, street, photos and history, or of answers (observations) with spot,
 * street, recorder and the finding made from them, does not grow with the page size.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { recordFinding } from '../../server/src/modules/finding/finding.service.js';
import { promoteObservation, recordObservation } from '../../server/src/modules/observation/observation.service.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { countStatements } from '../support/statement-counter.js';

const PAGE = `query($id: ID!, $first: Int!) {
  campaign(id: $id) {
    findings(first: $first) {
      edges { node { id text spot { name type street { name } } street { name } photoIds statusHistory { publicMessage } routedTo { name } recorderName } }
    }
  }
}`;

const ANSWERS = `query($id: ID!, $first: Int!) {
  campaign(id: $id) {
    observations(first: $first) {
      edges { node { id rating current spot { name type street { name } } street { name } recorderName recordedByMe findingId } }
    }
  }
}`;

describe('N+1', () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture();
    const db = fx.t.app.connection.db;
    const admin = fx.asViewer('admin');
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 120; i++) {
        await recordFinding(trx, admin, { id: uuidv7(), campaignId: fx.schouwA.id, category: 'SCHOON', spotId: fx.spotA.id, text: `Bevinding ${i}`, photoIds: [uuidv7(), uuidv7()], deviceTime: new Date().toISOString() });
      }
    });
    // Answers by 120 walkers (each their own, so all count), every third made a finding.
    const item = fx.checklist.sections.flatMap((s) => s.items).find((i) => i.prompt === 'In welke staat zijn de speeltoestellen?')!;
    for (let i = 0; i < 120; i++) {
      const walker = await fx.makeParticipant(fx.schouwA);
      const viewer = { kind: 'participant' as const, participantId: walker.id, campaignId: fx.schouwA.id };
      const observation = await db.transaction().execute((trx) => recordObservation(trx, viewer, { id: uuidv7(), campaignId: fx.schouwA.id, spotId: fx.spotA.id, checklistItemId: item.id, rating: 'C', deviceTime: new Date().toISOString() }));
      if (i % 3 === 0) await promoteObservation(db, admin, { observationId: observation.id, findingId: uuidv7(), requestId: 't' });
    }
  });
  afterAll(() => fx.t.close());

  /** Counts statements executed (tests/support/statement-counter.ts). */
  async function statementsFor(first: number, query = PAGE, list: 'findings' | 'observations' = 'findings'): Promise<number> {
    const { count } = await countStatements(fx.t.app, async () => {
      const { body } = await fx.query('coordinator', query, { id: fx.schouwA.id, first });
      expect(body.errors).toBeUndefined();
      expect(body.data.campaign[list].edges).toHaveLength(first);
    });
    return count;
  }

  it('uses as many statements for 100 findings as for 10', async () => {
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    expect(hundred).toBe(ten);
    expect(ten).toBeGreaterThan(3);
    expect(hundred).toBeLessThan(20);
  });

  it('uses as many statements for 100 answers as for 10', async () => {
    const ten = await statementsFor(10, ANSWERS, 'observations');
    const hundred = await statementsFor(100, ANSWERS, 'observations');
    expect(hundred).toBe(ten);
    expect(ten).toBeGreaterThan(3);
    expect(hundred).toBeLessThan(20);
  });
});
