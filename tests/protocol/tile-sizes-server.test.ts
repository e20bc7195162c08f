/**
 * The pickup list shows an estimate in tiles in m² by the NK tiles per m² of the protocol,
 * not by a number of its own: with the protocol's value set to another one here, the real
 * server (on a database file with the sync worker) divides by that one.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signupFixture, type SignupFixture } from '../support/signup-fixture.js';

vi.mock('@buurtkracht/protocol/tile-sizes', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@buurtkracht/protocol/tile-sizes')>()),
  NK_TILES_PER_M2: 10,
}));

describe('the pickup list reads NK tiles per m² from the protocol', () => {
  let fx: SignupFixture;
  beforeAll(async () => {
    fx = await signupFixture();
  });
  afterAll(() => fx?.t.close());

  it('shows 110 tiles as 11 m² when the protocol says 10 tiles per m²', async () => {
    const dayId = await fx.addDay(fx.campaignA, 12);
    expect((await fx.signUpTegelwip({ dayIds: [dayId], houseNumber: '4', estimateTiles: 110 })).body.errors).toBeUndefined();
    const { body } = await fx.query('coordinator', 'query($dayId: ID!) { pickupList(dayId: $dayId) { houseNumber estimatedM2 } }', { dayId });
    expect(body.data.pickupList).toEqual([{ houseNumber: '4', estimatedM2: 11 }]);
  });
});
