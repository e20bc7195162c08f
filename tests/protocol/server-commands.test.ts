/**
 * The server reads every command the protocol names in every format up to the current one,
 * and upcasts an older format with the protocol's steps (server/src/modules/sync/sync-commands.ts).
 */
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, CURRENT_FORMAT, upcastArgs } from '@buurtkracht/protocol/command-formats';
import { commands } from '../../server/src/modules/sync/sync-commands.js';

describe('the server’s commands', () => {
  it('has a format for every version of every command the protocol names, and no other command', () => {
    expect(Object.keys(commands).sort()).toEqual([...COMMAND_NAMES].sort());
    for (const name of COMMAND_NAMES) {
      const versions = Object.keys(commands[name].formats).map(Number).sort();
      expect(versions, name).toEqual(Array.from({ length: CURRENT_FORMAT[name] }, (_, i) => i + 1));
    }
  });

  it('reads a first-format tally as the protocol upcasts it, and checks it as the current format', () => {
    const sent = { id: uuidv7(), campaignId: 'c', actionDayId: 'd', streetId: 's', sizeCode: 'TEGEL_30X30', pieces: 4 };
    const parsed = commands.recordTallyEvent.formats[1]!.safeParse(sent);
    expect(parsed.success && parsed.data).toEqual(upcastArgs('recordTallyEvent', 1, sent).args);
    expect(commands.recordTallyEvent.formats[1]!.safeParse({ ...sent, pieces: 'veel' }).success).toBe(false);
    expect(commands.recordTallyEvent.formats[1]!.safeParse({ ...sent, sizeCode: 'TEGEL_1X1' }).success).toBe(false);
  });

  it('reads format 3 (tiles, sizeCode) as format 4 (any unit, unitCode), and format 4 with the units of every kind', () => {
    const v3 = { id: uuidv7(), campaignId: 'c', actionDayId: 'd', streetId: 's', sizeCode: 'TEGEL_40X60', count: 2, origin: 'PUBLIC' };
    const parsed = commands.recordTallyEvent.formats[3]!.safeParse(v3);
    expect(parsed.success && parsed.data).toEqual({ id: v3.id, campaignId: 'c', actionDayId: 'd', streetId: 's', unitCode: 'TEGEL_40X60', count: 2, origin: 'PUBLIC' });
    // Format 3 knew only tiles: a clean-up unit there is not a format-3 entry.
    expect(commands.recordTallyEvent.formats[3]!.safeParse({ ...v3, sizeCode: 'GROFVUIL' }).success).toBe(false);
    const { sizeCode: _, ...v4 } = { ...v3, unitCode: 'ZAK_ZWERFVUIL', origin: null };
    expect(commands.recordTallyEvent.formats[4]!.safeParse(v4).success).toBe(true);
    expect(commands.recordTallyEvent.formats[4]!.safeParse({ ...v4, unitCode: 'ZAK_GOUD' }).success).toBe(false);
    // Format 4 says unitCode: an entry that still says sizeCode is not one.
    expect(commands.recordTallyEvent.formats[4]!.safeParse(v3).success).toBe(false);
  });
});
