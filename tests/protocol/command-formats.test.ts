/** Command names, current formats and upcasting, as field app and server both apply them. */
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, CURRENT_FORMAT, currentFormatOf, isCommandName, upcastArgs } from '@buurtkracht/protocol/command-formats';

describe('command formats', () => {
  it('names every command a device may push, with its current format', () => {
    expect(COMMAND_NAMES).toEqual(['recordTallyEvent', 'correctTallyEvent', 'recordFinding', 'recordObservation', 'answerChecklistItem', 'editFinding', 'answerQuestionnaire']);
    expect(CURRENT_FORMAT).toMatchObject({ recordTallyEvent: 4, recordFinding: 2 });
    expect(isCommandName('recordFinding')).toBe(true);
    expect(isCommandName('toString')).toBe(false);
    expect(isCommandName('deleteEverything')).toBe(false);
    expect(currentFormatOf('recordFinding')).toBe(2);
    // A name every object has finds no format (a plain lookup would find a function).
    expect(currentFormatOf('toString')).toBeUndefined();
    expect(currentFormatOf('constructor')).toBeUndefined();
  });

  it('has a step from every older format to the next, so nothing old stays behind', () => {
    for (const name of COMMAND_NAMES) {
      for (let version = 1; version < CURRENT_FORMAT[name]; version++) {
        expect(upcastArgs(name, version, { probe: true }).formatVersion, `${name} ${version}`).toBe(CURRENT_FORMAT[name]);
      }
    }
  });

  it('renames the first tally format’s pieces to count', () => {
    const upcast = upcastArgs('recordTallyEvent', 1, { id: 'e', pieces: 4, sizeCode: 'TEGEL_30X30' });
    // …and then, as every format-2 tally, says no origin, and as every format-3 tally counts its size as a unit.
    expect(upcast).toEqual({ formatVersion: 4, args: { id: 'e', count: 4, unitCode: 'TEGEL_30X30', origin: null } });
  });

  it('reads a format-3 tally’s tile size as the unit it counts, and keeps everything else', () => {
    const sent = { id: 'e', campaignId: 'c', actionDayId: 'd', streetId: 's', houseNumber: '12', sizeCode: 'KLINKER_20X5', count: 4, origin: 'GARDEN' };
    const { sizeCode, ...rest } = sent;
    expect(upcastArgs('recordTallyEvent', 3, sent)).toEqual({ formatVersion: 4, args: { ...rest, unitCode: sizeCode } });
  });

  it('reads a first-format finding as one that follows up no answer', () => {
    expect(upcastArgs('recordFinding', 1, { id: 'f', category: 'HEEL' })).toEqual({ formatVersion: 2, args: { id: 'f', category: 'HEEL' } });
  });

  it('leaves current formats, newer formats and unknown commands as they are', () => {
    const args = { id: 'x', count: 3 };
    expect(upcastArgs('recordTallyEvent', 4, args)).toEqual({ formatVersion: 4, args });
    expect(upcastArgs('recordTallyEvent', 5, args)).toEqual({ formatVersion: 5, args });
    expect(upcastArgs('deleteEverything', 1, args)).toEqual({ formatVersion: 1, args });
    expect(upcastArgs('toString', 1, args)).toEqual({ formatVersion: 1, args });
  });
});
