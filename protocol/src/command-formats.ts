/**
 * The commands a device may push in a sync batch, the argument format each is written in
 * now, and the steps that bring an older format to the current one. Shared because both
 * sides upcast with the same steps: the field app before it sends an entry that an older
 * app version stored, the server for a device that has not updated yet. What each format
 * must hold (the server's zod schemas, server/src/modules/sync/sync-commands.ts) stays on
 * the server: those are its input rules, keyed on the names and versions here.
 */

const FORMATS = {
  // Format 3 may say where the tiles came from (origin, @buurtkracht/protocol/tile-origins).
  // Format 4 counts any unit (unitCode, @buurtkracht/protocol/tally-units), not only tiles.
  recordTallyEvent: 4,
  correctTallyEvent: 1,
  // Format 2 may name the answer (observation) the finding follows up.
  recordFinding: 2,
  recordObservation: 1,
  // No longer written (answers are recordObservation now); unsent entries of older app
  // versions are sent as they are and the server turns them into an observation.
  answerChecklistItem: 1,
  editFinding: 1,
  // A participant's answers to their campaign's questionnaire (@buurtkracht/protocol/questionnaire).
  answerQuestionnaire: 1,
} as const;

export type CommandName = keyof typeof FORMATS;
export const COMMAND_NAMES = Object.keys(FORMATS) as CommandName[];

/** The format the server expects now, per command. */
export const CURRENT_FORMAT: Readonly<Record<CommandName, number>> = FORMATS;

export const isCommandName = (name: string): name is CommandName => Object.hasOwn(FORMATS, name);

/**
 * The current format of any name a device or a test sends: undefined for one the protocol
 * does not know, also for names every object has ("toString"), which a plain lookup finds.
 */
export const currentFormatOf = (name: string): number | undefined => (isCommandName(name) ? CURRENT_FORMAT[name] : undefined);

export type CommandArgs = Record<string, unknown>;
type Upcast = (args: CommandArgs) => CommandArgs;

/** Command → format version → the step from that version to the next. */
const UPCASTS: { readonly [N in CommandName]?: Readonly<Record<number, Upcast>> } = {
  recordTallyEvent: {
    // Format 1 (the first field-app build) called the count `pieces`.
    1: ({ pieces, ...rest }) => ({ ...rest, count: pieces }),
    // Format 2 did not say where the tiles came from.
    2: (args) => ({ ...args, origin: null }),
    // Format 3 counted tiles only, as sizeCode; a tile size is a unit.
    3: ({ sizeCode, ...rest }) => ({ ...rest, unitCode: sizeCode }),
  },
  recordFinding: {
    // Format 1 had no observationId: such a finding follows up no answer.
    1: (args) => args,
  },
};

/**
 * Brings arguments written in an older format to the current one, a step at a time. An
 * unknown command, a current format or a missing step leaves them as they are (the server
 * then reads that format itself or refuses it by name).
 */
export function upcastArgs(name: string, formatVersion: number, args: CommandArgs): { formatVersion: number; args: CommandArgs } {
  const target = currentFormatOf(name) ?? formatVersion;
  let version = formatVersion;
  let upcast = args;
  while (version < target) {
    const step = UPCASTS[name as CommandName]?.[version];
    if (!step) break;
    upcast = step(upcast);
    version++;
  }
  return { formatVersion: version, args: upcast };
}
