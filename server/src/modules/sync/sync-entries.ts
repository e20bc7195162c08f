/**
 * Applying one device's new entries in seq order, inside the batch's transaction: each
 * entry parsed for its command and format, runs of tally taps written in bulk, every
 * other entry alone in a savepoint so that a refusal undoes only its own writes. The
 * result is the processed-mutation record of each entry (see sync.service.ts for what
 * is new, seen before or missing). A refusal is a DomainError, stored with its code and
 * Dutch message; anything else is stored as an internal error and logged.
 */
import type { Viewer } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import { DomainError, ErrorCode } from '../../domain-error.js';
import type { Logger } from '../../logger.js';
import { recordTallyEvents, type RecordTallyInput } from '../tally/tally.service.js';
import { currentFormatOf, isCommandName } from '@buurtkracht/protocol/command-formats';
import { MAX_ENTRY_BYTES } from '@buurtkracht/protocol/sync-protocol';
import { commands } from './sync-commands.js';
import type { PushedMutation } from './sync-request.js';
import * as repo from './sync.repo.js';
import type { SyncMutationRow } from './sync.table.js';

/** A device clock this far ahead of the server is flagged: its times are for display only. */
const FUTURE_TOLERANCE_MS = 24 * 3_600_000;
/** Flags are stored as JSON text; nearly every entry has none. */
export const NO_FLAGS = '[]';

function rejection(error: unknown): { code: string; message: string } {
  if (error instanceof DomainError) return { code: error.code, message: error.message };
  return { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Dit kon de server niet verwerken. Het Buurtkracht-team is gewaarschuwd.' };
}

/**
 * better-sqlite3 is synchronous and Kysely chains its statements through microtasks, so a
 * 500-entry batch would otherwise hold the event loop for its whole length; yielding
 * between steps lets a dashboard request (which reads on its own connection) get in.
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Whether a NUL character stands anywhere in these JSON arguments, in a key or a value. */
const holdsNul = (value: unknown): boolean =>
  typeof value === 'string'
    ? value.includes('\0')
    : Array.isArray(value)
      ? value.some(holdsNul)
      : typeof value === 'object' && value !== null && Object.entries(value).some(([key, inner]) => key.includes('\0') || holdsNul(inner));

/** Parses an entry's arguments for its command and format; throws a Dutch DomainError. */
function parseEntry(mutation: PushedMutation): { name: string; args: unknown } {
  if (mutation.argsOmittedBytes != null) {
    const kb = (bytes: number) => Math.ceil(bytes / 1024);
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `Dit is te groot om te versturen (${kb(mutation.argsOmittedBytes)} kB, de grens is ${kb(MAX_ENTRY_BYTES)} kB). Gooi het weg en voer het opnieuw in, met minder tekst.`);
  }
  // SQLite would keep a NUL, PostgreSQL cannot: refused alike on both.
  if (holdsNul(mutation.args)) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, 'Hierin staat een onzichtbaar teken dat niet bewaard kan worden. Gooi het weg en voer het opnieuw in.');
  }
  // Object.hasOwn, not the lookup alone: "toString" must be an unknown command, not a crash.
  const command = isCommandName(mutation.name) ? commands[mutation.name] : undefined;
  if (!command) throw new DomainError(ErrorCode.BAD_USER_INPUT, `Onbekende opdracht "${mutation.name}". Werk de app bij.`);
  const format = command.formats[mutation.formatVersion];
  if (!format) throw new DomainError(ErrorCode.BAD_USER_INPUT, `Onbekend formaat ${mutation.formatVersion} voor ${mutation.name} (nu ${currentFormatOf(mutation.name)}). Werk de app bij.`);
  const parsed = format.safeParse(mutation.args);
  if (!parsed.success) throw new DomainError(ErrorCode.BAD_USER_INPUT, `Ongeldige gegevens: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return { name: mutation.name, args: parsed.data };
}

/**
 * Applies entries in seq order. Runs of tally entries go to the ledger as one bulk write
 * (a batch of 500 taps is the common case and must not take 500 round trips); every other
 * entry is applied alone inside a savepoint, so a refusal undoes only its own writes.
 */
export async function applyInOrder(trx: DbOrTrx, viewer: Viewer, deviceId: string, mutations: PushedMutation[], logger: Logger, now: Date, photoIds: Set<string>): Promise<SyncMutationRow[]> {
  const rows: SyncMutationRow[] = [];
  const processedAt = now.toISOString();
  const futureLimit = now.getTime() + FUTURE_TOLERANCE_MS;
  const futureFlags = JSON.stringify(['CLIENT_TIME_IN_FUTURE']);
  const row = (mutation: PushedMutation, outcome: { entityId: string } | { code: string; message: string }): SyncMutationRow => {
    const applied = 'entityId' in outcome;
    return {
      mutation_id: mutation.mutationId,
      device_id: deviceId,
      seq: mutation.seq,
      name: mutation.name,
      status: applied ? 'APPLIED' : 'REJECTED',
      code: applied ? null : outcome.code,
      message: applied ? null : outcome.message,
      entity_id: applied ? outcome.entityId : null,
      flags: Date.parse(mutation.clientTime) > futureLimit ? futureFlags : NO_FLAGS,
      processed_at: processedAt,
    };
  };
  const parsed = mutations.map((mutation) => {
    try {
      return parseEntry(mutation);
    } catch (error) {
      return rejection(error);
    }
  });
  for (let i = 0; i < mutations.length; ) {
    const entry = parsed[i]!;
    if ('name' in entry && entry.name === 'recordTallyEvent') {
      let end = i;
      while (end < mutations.length && 'name' in parsed[end]! && (parsed[end] as { name: string }).name === 'recordTallyEvent') end++;
      const run = mutations.slice(i, end);
      const inputs = run.map((m, k) => ({ ...((parsed[i + k] as { args: object }).args as Omit<RecordTallyInput, 'deviceId' | 'clientTime'>), deviceId, clientTime: m.clientTime }));
      await repo.savepoint(trx, 'run');
      try {
        const outcomes = await recordTallyEvents(trx, viewer, inputs, now);
        await repo.releaseSavepoint(trx, 'run');
        run.forEach((m, k) => rows.push(row(m, outcomes[k]!.event ? { entityId: outcomes[k]!.event!.id } : rejection(outcomes[k]!.error))));
      } catch (error) {
        await repo.rollbackToSavepoint(trx, 'run');
        await repo.releaseSavepoint(trx, 'run');
        logger.error({ err: error, deviceId }, 'tally run failed unexpectedly');
        run.forEach((m) => rows.push(row(m, rejection(error))));
      }
      i = end;
      await yieldToEventLoop();
      continue;
    }
    const mutation = mutations[i]!;
    if (!('name' in entry)) {
      rows.push(row(mutation, entry));
      i++;
      continue;
    }
    await repo.savepoint(trx, 'entry');
    try {
      const applied = await commands[entry.name]!.apply(entry.args, { trx, viewer, deviceId, clientTime: mutation.clientTime, now });
      for (const photoId of applied.photoIds ?? []) photoIds.add(photoId);
      await repo.releaseSavepoint(trx, 'entry');
      rows.push(row(mutation, { entityId: applied.entityId }));
    } catch (error) {
      await repo.rollbackToSavepoint(trx, 'entry');
      await repo.releaseSavepoint(trx, 'entry');
      const refused = rejection(error);
      if (refused.code === ErrorCode.INTERNAL_SERVER_ERROR) logger.error({ err: error, deviceId, seq: mutation.seq, name: mutation.name }, 'sync entry failed unexpectedly');
      rows.push(row(mutation, refused));
    }
    i++;
    if (i % 50 === 0) await yieldToEventLoop();
  }
  return rows;
}
