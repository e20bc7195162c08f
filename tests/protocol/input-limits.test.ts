/** The server's input limits, as the field app checks them before it records. */
import { describe, expect, it } from 'vitest';
import { MAX_AREA_CM2_PER_ENTRY, MAX_NUMBER_ANSWER, MAX_PIECES_PER_ENTRY, MAX_TEXT } from '@buurtkracht/protocol/input-limits';
import { MAX_ENTRY_BYTES, type PushedMutation } from '@buurtkracht/protocol/sync-protocol';
import { CM2_PER_M2 } from '@buurtkracht/protocol/tile-sizes';

const jsonBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

describe('input limits', () => {
  it('are the numbers the field app tells people', () => {
    expect(MAX_TEXT).toBe(2000);
    expect(MAX_NUMBER_ANSWER).toBe(100_000);
    expect(MAX_PIECES_PER_ENTRY).toBe(5000);
    expect(MAX_AREA_CM2_PER_ENTRY).toBe(200 * CM2_PER_M2);
  });

  it('let the largest real finding travel with its arguments, under the size at which an entry is held back', () => {
    const longest = '😀'.repeat(MAX_TEXT / 2); // MAX_TEXT UTF-16 units, 4 bytes per pair in JSON's UTF-8
    const finding: PushedMutation = {
      mutationId: '0196b6a0-0000-7000-8000-000000000000',
      seq: 1,
      name: 'recordFinding',
      clientTime: new Date(0).toISOString(),
      formatVersion: 2,
      args: { id: 'x'.repeat(36), campaignId: 'c'.repeat(64), category: 'GROEN_ONDERHOUD', text: longest, suggestion: longest, photoIds: Array.from({ length: 10 }, () => 'p'.repeat(36)) },
    };
    expect(jsonBytes(finding)).toBeLessThan(MAX_ENTRY_BYTES);
  });
});
