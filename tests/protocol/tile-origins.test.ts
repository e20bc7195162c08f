/** Where counted tiles came from, as the counter sends it and the server sums it. */
import { readFileSync } from 'node:fs';
import { buildSchema, type GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { upcastArgs } from '@buurtkracht/protocol/command-formats';
import { isTileOrigin, mayGreenGarden, TILE_ORIGINS } from '@buurtkracht/protocol/tile-origins';

const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));

describe('tile origins', () => {
  it('are a garden or the public space, in the counter’s order, and the values of the API’s enum', () => {
    expect(TILE_ORIGINS).toEqual(['GARDEN', 'PUBLIC']);
    expect((schema.getType('TileOrigin') as GraphQLEnumType).getValues().map((v) => v.name).sort()).toEqual([...TILE_ORIGINS].sort());
  });

  it('knows its own codes only', () => {
    expect(TILE_ORIGINS.every(isTileOrigin)).toBe(true);
    for (const other of ['garden', 'TUIN', '', null, undefined, 1, 'toString']) expect(isTileOrigin(other), String(other)).toBe(false);
  });

  it('lets tiles from a garden or of no said origin green a garden, never tiles from the public space', () => {
    expect(mayGreenGarden('GARDEN')).toBe(true);
    expect(mayGreenGarden(null)).toBe(true);
    expect(mayGreenGarden('PUBLIC')).toBe(false);
  });

  it('reads a tally of an app from before origins as one that does not say (origin null)', () => {
    const sent = { id: 'e', campaignId: 'c', actionDayId: 'd', streetId: 's', houseNumber: '12', sizeCode: 'TEGEL_30X30', count: 4 };
    const { sizeCode, ...rest } = sent;
    // …and, like every format-3 tally, counts its tile size as a unit (format 4).
    expect(upcastArgs('recordTallyEvent', 2, sent)).toEqual({ formatVersion: 4, args: { ...rest, unitCode: sizeCode, origin: null } });
    // The first format goes through every step.
    expect(upcastArgs('recordTallyEvent', 1, { id: 'e', pieces: 4, sizeCode: 'AREA' })).toEqual({ formatVersion: 4, args: { id: 'e', count: 4, unitCode: 'AREA', origin: null } });
  });
});
