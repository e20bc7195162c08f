/**
 * Words for what the tally ledger counts, its units (@buurtkracht/protocol/tally-units):
 * the one place for them. The counter, the dashboard and the console read them here, and
 * so do the server's exports and messages (through nl.ts), so a unit is called the same
 * everywhere. Per unit:
 * - unit.<code>: its name as a heading or a column ("Zakken zwerfvuil");
 * - unit.short.<code>: the label of its counter button ("30×30", "Zwerfvuil");
 * - unit.one.<code> / unit.many.<code>: an amount in a sentence ("1 zak zwerfvuil", "3 zakken zwerfvuil").
 * The counts of AREA are cm², which screens usually show as m² instead.
 */
import type { UnitCode } from '@buurtkracht/protocol/tally-units';

type UnitKey = `unit.${UnitCode}` | `unit.short.${UnitCode}` | `unit.one.${UnitCode}` | `unit.many.${UnitCode}`;

// A unit without its four words fails the type check here.
export const nlUnits = {
  'unit.TEGEL_30X30': 'Tegel 30×30',
  'unit.TEGEL_40X40': 'Tegel 40×40',
  'unit.TEGEL_50X50': 'Tegel 50×50',
  'unit.TEGEL_40X60': 'Tegel 40×60',
  'unit.TEGEL_60X60': 'Tegel 60×60',
  'unit.KLINKER_20X10': 'Klinker 20×10',
  'unit.KLINKER_20X5': 'Klinker 20×5',
  'unit.AREA': 'Gemeten oppervlakte',
  'unit.ZAK_ZWERFVUIL': 'Zakken zwerfvuil',
  'unit.ZAK_TUINAFVAL': 'Zakken tuinafval',
  'unit.GROFVUIL': 'Grofvuil (stuks)',
  'unit.TUIN_GEHOLPEN': 'Tuinen geholpen',
  'unit.short.TEGEL_30X30': '30×30',
  'unit.short.TEGEL_40X40': '40×40',
  'unit.short.TEGEL_50X50': '50×50',
  'unit.short.TEGEL_40X60': '40×60',
  'unit.short.TEGEL_60X60': '60×60',
  'unit.short.KLINKER_20X10': 'klinker 20×10',
  'unit.short.KLINKER_20X5': 'klinker 20×5',
  'unit.short.AREA': 'gemeten',
  'unit.short.ZAK_ZWERFVUIL': 'Zwerfvuil',
  'unit.short.ZAK_TUINAFVAL': 'Tuinafval',
  'unit.short.GROFVUIL': 'Grofvuil',
  'unit.short.TUIN_GEHOLPEN': 'Tuinen',
  'unit.one.TEGEL_30X30': '{count} tegel van 30×30',
  'unit.one.TEGEL_40X40': '{count} tegel van 40×40',
  'unit.one.TEGEL_50X50': '{count} tegel van 50×50',
  'unit.one.TEGEL_40X60': '{count} tegel van 40×60',
  'unit.one.TEGEL_60X60': '{count} tegel van 60×60',
  'unit.one.KLINKER_20X10': '{count} klinker van 20×10',
  'unit.one.KLINKER_20X5': '{count} klinker van 20×5',
  'unit.one.AREA': '{count} cm² gemeten',
  'unit.one.ZAK_ZWERFVUIL': '{count} zak zwerfvuil',
  'unit.one.ZAK_TUINAFVAL': '{count} zak tuinafval',
  'unit.one.GROFVUIL': '{count} stuk grofvuil',
  'unit.one.TUIN_GEHOLPEN': '{count} tuin geholpen',
  'unit.many.TEGEL_30X30': '{count} tegels van 30×30',
  'unit.many.TEGEL_40X40': '{count} tegels van 40×40',
  'unit.many.TEGEL_50X50': '{count} tegels van 50×50',
  'unit.many.TEGEL_40X60': '{count} tegels van 40×60',
  'unit.many.TEGEL_60X60': '{count} tegels van 60×60',
  'unit.many.KLINKER_20X10': '{count} klinkers van 20×10',
  'unit.many.KLINKER_20X5': '{count} klinkers van 20×5',
  'unit.many.AREA': '{count} cm² gemeten',
  'unit.many.ZAK_ZWERFVUIL': '{count} zakken zwerfvuil',
  'unit.many.ZAK_TUINAFVAL': '{count} zakken tuinafval',
  'unit.many.GROFVUIL': '{count} stuks grofvuil',
  'unit.many.TUIN_GEHOLPEN': '{count} tuinen geholpen',
} as const satisfies Record<UnitKey, string>;

/** A unit's name as a heading or a column, in Dutch: for the server's exports and messages. */
export const unitNameNl = (code: UnitCode): string => nlUnits[`unit.${code}`];
