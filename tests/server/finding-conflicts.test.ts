/**
 * Resolving an edit conflict of a finding against the field's current value: an edit that
 * arrived after the conflict was recorded is never overwritten unseen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { SYNC, TestDevice } from '../support/sync-client.js';

const FINDING = 'query($id: ID!) { finding(id: $id) { text version conflicts { id field deviceValue serverValue } } }';
const RESOLVE = 'mutation($id: ID!, $useDevice: Boolean!) { resolveFindingConflict(conflictId: $id, useDeviceValue: $useDevice) { text version conflicts { id } } }';

describe('resolving a finding conflict', () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture(); // on a database file with the sync worker, as npm start runs
  });
  afterAll(() => fx?.t.close());

  it('refuses, changing nothing, when the field was edited after the conflict; shows the new value to decide on', async () => {
    const phone = new TestDevice();
    const tablet = new TestDevice();
    const findingId = uuidv7();
    const applied = async (role: 'schouwer' | 'coordinator', device: TestDevice, name: string, args: unknown) => {
      const { body } = await fx.query(role, SYNC, device.input([device.entry(name, args)], null, fx.schouwA.id));
      expect(body.data.sync.results[0].status).toBe('APPLIED');
    };
    await applied('schouwer', phone, 'recordFinding', { id: findingId, campaignId: fx.schouwA.id, category: 'HEEL', streetId: fx.streetA, text: 'Stoeptegel los' });
    // Both edit the text from version 1: the phone's arrives first, the tablet's becomes a conflict.
    await applied('schouwer', phone, 'editFinding', { findingId, baseVersion: 1, changes: { text: 'Stoeptegel los bij nr. 12' } });
    await applied('coordinator', tablet, 'editFinding', { findingId, baseVersion: 1, changes: { text: 'Twee tegels los' } });
    const before = (await fx.query('coordinator', FINDING, { id: findingId })).body.data.finding;
    expect(before.conflicts).toEqual([expect.objectContaining({ field: 'text', deviceValue: 'Twee tegels los', serverValue: 'Stoeptegel los bij nr. 12' })]);
    const conflictId = before.conflicts[0].id;

    // Then the phone, up to date, edits the text once more, before the coordinator decides.
    await applied('schouwer', phone, 'editFinding', { findingId, baseVersion: 2, changes: { text: 'Drie tegels los bij nr. 12' } });

    const refused = (await fx.query('coordinator', RESOLVE, { id: conflictId, useDevice: true })).body;
    expect(refused.data).toBeNull();
    expect(refused.errors[0].extensions.code).toBe('CONFLICT');
    expect(refused.errors[0].message).toMatch(/veranderd.*opnieuw/i);
    const after = (await fx.query('coordinator', FINDING, { id: findingId })).body.data.finding;
    expect(after.text).toBe('Drie tegels los bij nr. 12');
    expect(after.version).toBe(3);
    // Still open, and it now shows the value the field holds, so the coordinator decides on that.
    expect(after.conflicts).toEqual([expect.objectContaining({ id: conflictId, deviceValue: 'Twee tegels los', serverValue: 'Drie tegels los bij nr. 12' })]);

    const resolved = await fx.query('coordinator', RESOLVE, { id: conflictId, useDevice: true });
    expect(resolved.body.data.resolveFindingConflict).toEqual({ text: 'Twee tegels los', version: 4, conflicts: [] });
  });
});
