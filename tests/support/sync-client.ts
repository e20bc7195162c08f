/** Builds sync batches the way a device does, for tests and benchmarks. */
import { currentFormatOf } from '@buurtkracht/protocol/command-formats';
import type { PushedMutation } from '@buurtkracht/protocol/sync-protocol';
import { v7 as uuidv7 } from 'uuid';

/** An entry as the field app pushes it. */
export type OutboxEntry = PushedMutation;

/** The whole answer, every entry in full (the field app asks for less: SYNC_MUTATION in @buurtkracht/protocol/sync-protocol). */
export const SYNC = `mutation Sync($input: SyncInput!) {
  sync(input: $input) {
    results { mutationId seq status code message entityId flags }
    expectedSeq lastSeq serverTime missingPhotoIds
    pull { cursor hasMore resetRequired changes { seq entityType entityId op data } }
  }
}`;

/** A device: a UUID and a counter for seq. */
export class TestDevice {
  readonly id = uuidv7();
  #seq = 0;

  entry(name: string, args: unknown, formatVersion = currentFormatOf(name) ?? 1, clientTime = new Date().toISOString()): OutboxEntry {
    return { mutationId: uuidv7(), seq: ++this.#seq, name, args, clientTime, formatVersion };
  }

  tally(campaignId: string, actionDayId: string, streetId: string, count: number, unitCode = 'TEGEL_30X30'): OutboxEntry {
    return this.entry('recordTallyEvent', { id: uuidv7(), campaignId, actionDayId, streetId, unitCode, count });
  }

  input(mutations: OutboxEntry[], cursor: string | null = null, campaignId?: string) {
    return { input: { deviceId: this.id, mutations, cursor, ...(campaignId ? { campaignId } : {}) } };
  }
}
