/**
 * The field commands a device may push, each with the argument format it accepts per
 * format version. Names, current versions and the steps from an older format to the next
 * are the protocol's (@buurtkracht/protocol/command-formats, which the field app applies
 * too); an older format is checked as it was sent, upcast with those steps and checked
 * again as the current one, so an app that has not updated yet still syncs. Arguments are
 * validated here, rules in the domain services.
 */
import { CURRENT_FORMAT, upcastArgs, type CommandArgs, type CommandName } from '@buurtkracht/protocol/command-formats';
import { MAX_TEXT } from '@buurtkracht/protocol/input-limits';
import { MAX_QUESTIONS } from '@buurtkracht/protocol/questionnaire';
import { RATINGS } from '@buurtkracht/protocol/rating-scale';
import { THEMES } from '@buurtkracht/protocol/themes';
import { TILE_ORIGINS } from '@buurtkracht/protocol/tile-origins';
import { UNIT_CODES } from '@buurtkracht/protocol/tally-units';
import { SIZE_CODES } from '@buurtkracht/protocol/tile-sizes';
import { z } from 'zod';
import type { Viewer } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import { EDITABLE_FIELDS, editFinding } from '../finding/finding-edit.service.js';
import { recordFinding } from '../finding/finding.service.js';
import { recordLegacyAnswer, recordObservation } from '../observation/observation.service.js';
import { answerQuestionnaire } from '../questionnaire/questionnaire.service.js';
import { correctTallyEvent, recordTallyEvent } from '../tally/tally.service.js';

const id = z.string().min(1).max(64);
const uuid = z.uuid();
const text = z.string().max(MAX_TEXT).nullish();
const location = z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180), accuracyM: z.number().min(0).max(100_000).nullish() }).nullish();

const recordTallyV2 = z.object({
  id: uuid,
  campaignId: id,
  actionDayId: id,
  streetId: id,
  houseNumber: z.string().max(12).nullish(),
  sizeCode: z.enum(SIZE_CODES),
  count: z.number().int(),
});
/** Format 1 (the first field-app build) called the count `pieces`. */
const recordTallyV1 = recordTallyV2.omit({ count: true }).extend({ pieces: z.number().int() });
/** Format 3 may say where the tiles came from; format 2 is read as saying nothing. */
const recordTallyV3 = recordTallyV2.extend({ origin: z.enum(TILE_ORIGINS).nullish() });
/** Format 4 counts any unit of the campaign (a clean-up's bags too), as unitCode. */
const recordTallyV4 = recordTallyV3.omit({ sizeCode: true }).extend({ unitCode: z.enum(UNIT_CODES) });

/**
 * A command's schemas per format version, as the server reads them: the current one as it
 * is; every older one checked as sent, brought to the current format by the protocol's
 * steps and checked again against the current schema (taken here, so a new format cannot
 * leave an older one piping into a schema in between).
 */
function formatsOf(name: CommandName, schemas: Record<number, z.ZodType<CommandArgs, any>>): Record<number, z.ZodType<unknown>> {
  const currentVersion = CURRENT_FORMAT[name];
  const current = schemas[currentVersion];
  if (!current) throw new Error(`sync-commands: no schema for ${name} format ${currentVersion}`);
  return Object.fromEntries(
    Object.entries(schemas).map(([key, schema]) => {
      const version = Number(key);
      return [version, version === currentVersion ? schema : schema.transform((args) => upcastArgs(name, version, args).args).pipe(current)];
    }),
  );
}

const correctTally = z.object({ id: uuid, correctsEventId: id, count: z.number().int() });

const recordFindingV1 = z.object({
  id: uuid,
  campaignId: id,
  category: z.enum(THEMES),
  spotId: id.nullish(),
  streetId: id.nullish(),
  rating: z.enum(RATINGS).nullish(),
  text,
  suggestion: text,
  location,
  photoIds: z.array(uuid).max(10).nullish(),
});
/** Format 2 may name the walker's answer (observation) the finding follows up. */
const recordFindingV2 = recordFindingV1.extend({ observationId: uuid.nullish() });

const recordObservationArgs = z.object({
  id: uuid,
  campaignId: id,
  spotId: id,
  checklistItemId: id,
  rating: z.enum(RATINGS).nullish(),
  answer: z.string().max(MAX_TEXT).nullish(),
  location,
});

/**
 * App versions from before observations sent every answer as `answerChecklistItem` (which
 * made a finding); it now records an observation, plus a linked finding when it carries a
 * kans or photos (observation.service.ts recordLegacyAnswer).
 */
const legacyAnswerArgs = z.object({
  id: uuid,
  campaignId: id,
  spotId: id,
  checklistItemId: id,
  rating: z.enum(RATINGS).nullish(),
  answer: text,
  text,
  suggestion: text,
  location,
  photoIds: z.array(uuid).max(10).nullish(),
});

const answerQuestionnaireArgs = z.object({
  id: uuid,
  campaignId: id,
  questionnaireId: id,
  linked: z.boolean().nullish(),
  answers: z.array(z.object({ questionId: id, value: z.union([z.number(), z.string().max(MAX_TEXT)]) })).max(MAX_QUESTIONS),
});

const editArgs = z.object({
  findingId: id,
  baseVersion: z.number().int().min(1),
  changes: z.partialRecord(z.enum(EDITABLE_FIELDS), z.string().max(MAX_TEXT).nullable()),
});

export interface CommandContext {
  trx: DbOrTrx;
  viewer: Viewer;
  deviceId: string;
  clientTime: string;
  now: Date;
}

interface Command {
  /** Format version → schema that parses it and returns the current format. */
  formats: Record<number, z.ZodType<unknown>>;
  apply(args: any, ctx: CommandContext): Promise<{ entityId: string; photoIds?: readonly string[] }>;
}

/** Every command the protocol names; any other name a device sends finds none. */
export const commands: { readonly [N in CommandName]: Command } & { readonly [name: string]: Command | undefined } = {
  recordTallyEvent: {
    formats: formatsOf('recordTallyEvent', { 1: recordTallyV1, 2: recordTallyV2, 3: recordTallyV3, 4: recordTallyV4 }),
    apply: async (args: z.infer<typeof recordTallyV4>, ctx) => {
      const event = await recordTallyEvent(ctx.trx, ctx.viewer, { ...args, deviceId: ctx.deviceId, clientTime: ctx.clientTime }, ctx.now);
      return { entityId: event.id };
    },
  },
  correctTallyEvent: {
    formats: { 1: correctTally },
    apply: async (args: z.infer<typeof correctTally>, ctx) => {
      const event = await correctTallyEvent(ctx.trx, ctx.viewer, { ...args, deviceId: ctx.deviceId, clientTime: ctx.clientTime }, ctx.now);
      return { entityId: event.id };
    },
  },
  recordFinding: {
    formats: formatsOf('recordFinding', { 1: recordFindingV1, 2: recordFindingV2 }),
    apply: async (args: z.infer<typeof recordFindingV2>, ctx) => {
      const finding = await recordFinding(ctx.trx, ctx.viewer, { ...args, deviceTime: ctx.clientTime }, ctx.now);
      return { entityId: finding.id, photoIds: args.photoIds ?? [] };
    },
  },
  recordObservation: {
    formats: { 1: recordObservationArgs },
    apply: async (args: z.infer<typeof recordObservationArgs>, ctx) => {
      const observation = await recordObservation(ctx.trx, ctx.viewer, { ...args, deviceTime: ctx.clientTime }, ctx.now);
      return { entityId: observation.id };
    },
  },
  answerChecklistItem: {
    formats: { 1: legacyAnswerArgs },
    apply: async (args: z.infer<typeof legacyAnswerArgs>, ctx) => {
      const { observation } = await recordLegacyAnswer(ctx.trx, ctx.viewer, { ...args, deviceTime: ctx.clientTime }, ctx.now);
      return { entityId: observation.id, photoIds: args.photoIds ?? [] };
    },
  },
  answerQuestionnaire: {
    formats: { 1: answerQuestionnaireArgs },
    apply: async (args: z.infer<typeof answerQuestionnaireArgs>, ctx) => {
      await answerQuestionnaire(ctx.trx, ctx.viewer, args, ctx.now, new Date(ctx.clientTime));
      // Not the response's id: the sync row names the device (and so the participant), and
      // an anonymous response must not be found from it.
      return { entityId: args.campaignId };
    },
  },
  editFinding: {
    formats: { 1: editArgs },
    apply: async (args: z.infer<typeof editArgs>, ctx) => {
      const { finding } = await editFinding(ctx.trx, ctx.viewer, { ...args, deviceId: ctx.deviceId }, ctx.now);
      return { entityId: finding.id };
    },
  },
};
