/** Finding statuses, themes and the rating scale, checked against the printed schema. */
import { readFileSync } from 'node:fs';
import { buildSchema, type GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { FINDING_STATUSES, HANDLED_STATUSES, isHandledStatus } from '@buurtkracht/protocol/finding-statuses';
import { LEVELS, RATINGS } from '@buurtkracht/protocol/rating-scale';
import { THEMES } from '@buurtkracht/protocol/themes';

const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
const enumValues = (name: string) => (schema.getType(name) as GraphQLEnumType).getValues().map((v) => v.name);

describe('shared codes', () => {
  it('are the values of the API’s enums', () => {
    expect([...FINDING_STATUSES].sort()).toEqual(enumValues('FindingStatus').sort());
    expect([...RATINGS].sort()).toEqual(enumValues('Rating').sort());
    expect([...THEMES].sort()).toEqual(enumValues('Theme').sort());
  });

  it('orders the scale best first, with NVT outside the levels', () => {
    expect(RATINGS).toEqual(['A_PLUS', 'A', 'B', 'C', 'D', 'NVT']);
    expect(LEVELS).toEqual(RATINGS.filter((r) => r !== 'NVT'));
  });

  it('lists the themes in the order scores and reports show them', () => {
    expect(THEMES).toEqual(['GROEN_ONDERHOUD', 'BIODIVERSITEIT', 'KLIMAATADAPTATIE', 'SCHOON', 'HEEL', 'VEILIG', 'ONTMOETEN_SPELEN']);
  });

  it('counts a finding as handled when it is done or not doable, not while open', () => {
    expect(FINDING_STATUSES.filter(isHandledStatus)).toEqual([...HANDLED_STATUSES]);
    expect(HANDLED_STATUSES).toEqual(['AFGEHANDELD', 'NIET_OPPAKBAAR']);
    expect(isHandledStatus('HEROPEND')).toBe(false);
    expect(isHandledStatus('ONBEKEND')).toBe(false);
  });
});
