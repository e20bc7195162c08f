/**
 * The sync protocol over real HTTP: nothing recorded is lost, nothing is counted twice,
 * whatever the network does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { SYNC_MUTATION } from '@buurtkracht/protocol/sync-protocol';
import { SYNC, TestDevice } from '../support/sync-client.js';

describe('sync', () => {
  let fx: AccessFixture;
  let headers: Record<string, string>;
  const total = async () => (await fx.query('coordinator', 'query($id: ID!) { tallyDashboard(campaignId: $id) { total { areaCm2 entries } } }', { id: fx.campaignA.id })).body.data.tallyDashboard.total;
  const push = (device: TestDevice, entries: ReturnType<TestDevice['entry']>[], h = headers, cursor: string | null = null) => fx.query(h, SYNC, device.input(entries, cursor));
  const events = async () => Number((await fx.t.app.connection.db.selectFrom('tally_event').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    fx = await accessFixture();
  });
  afterAll(() => fx.t.close());
  // Each test uses its own participant so totals can be compared per test.
  const participantHeaders = async () => (await fx.makeParticipant(fx.campaignA)).headers;

  it('applies the same batch sent twice, also concurrently, exactly once with the same answers', async () => {
    headers = await participantHeaders();
    const device = new TestDevice();
    const batch = [1, 2, 3].map((n) => device.tally(fx.campaignA.id, fx.dayA, fx.streetA, n));
    const before = await total();
    const [a, b] = await Promise.all([push(device, batch), push(device, batch)]);
    const c = await push(device, batch);
    const statuses = [a, b].map((r) => r.body.data.sync.results.map((x: any) => x.status).join());
    expect(statuses.sort()).toEqual(['APPLIED,APPLIED,APPLIED', 'DUPLICATE,DUPLICATE,DUPLICATE']);
    expect(c.body.data.sync.results.map((x: any) => x.status)).toEqual(['DUPLICATE', 'DUPLICATE', 'DUPLICATE']);
    const entityIds = (r: typeof a) => r.body.data.sync.results.map((x: any) => x.entityId);
    expect(entityIds(a)).toEqual(entityIds(b));
    expect(entityIds(c)).toEqual(entityIds(a));
    expect((await total()).areaCm2 - before.areaCm2).toBe(6 * 900);
  });

  it('answers DUPLICATE when the response was lost and the device retries, with no extra rows', async () => {
    headers = await participantHeaders();
    const device = new TestDevice();
    const batch = [device.tally(fx.campaignA.id, fx.dayA, fx.streetA, 4)];
    await push(device, batch); // the answer never reaches the device
    const rows = await events();
    const retry = await push(device, batch);
    expect(retry.body.data.sync.results[0]).toMatchObject({ status: 'DUPLICATE', code: null });
    expect(await events()).toBe(rows);
  });

  it('rejects a poison entry with a Dutch reason and still applies the entries after it', async () => {
    headers = await participantHeaders();
    const device = new TestDevice();
    const good1 = device.tally(fx.campaignA.id, fx.dayA, fx.streetA, 1);
    const poison = device.entry('recordTallyEvent', { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: 'geen-dag', streetId: fx.streetA, unitCode: 'TEGEL_30X30', count: 1 });
    const invalid = device.entry('recordTallyEvent', { nonsense: true });
    const good2 = device.tally(fx.campaignA.id, fx.dayA, fx.streetA, 2);
    const { body } = await push(device, [good1, poison, invalid, good2]);
    expect(body.data.sync.results.map((r: any) => [r.status, r.code])).toEqual([
      ['APPLIED', null],
      ['REJECTED', 'BAD_USER_INPUT'],
      ['REJECTED', 'BAD_USER_INPUT'],
      ['APPLIED', null],
    ]);
    expect(body.data.sync.results[1].message).toBe('Deze actiedag hoort niet bij deze actie.');
    expect(body.data.sync.lastSeq).toBe(4);
    // The queue drains: the next batch continues after the rejected entries.
    const next = await push(device, [device.tally(fx.campaignA.id, fx.dayA, fx.streetA, 3)]);
    expect(next.body.data.sync.results[0].status).toBe('APPLIED');
  });

  it('reports a gap in seq, applies what comes before it, and converges when the device resends', async () => {
    headers = await participantHeaders();
    const device = new TestDevice();
    const [e1, e2, e3, e4] = [1, 2, 3, 4].map((n) => device.tally(fx.campaignA.id, fx.dayA, fx.streetA, n));
    const before = await total();
    const first = await push(device, [e1!, e2!, e4!]);
    expect(first.body.data.sync).toMatchObject({ expectedSeq: 3, lastSeq: 2 });
    expect(first.body.data.sync.results.map((r: any) => r.seq)).toEqual([1, 2]);
    const resend = await push(device, [e3!, e4!]);
    expect(resend.body.data.sync.results.map((r: any) => r.status)).toEqual(['APPLIED', 'APPLIED']);
    expect(resend.body.data.sync.expectedSeq).toBeNull();
    expect((await total()).areaCm2 - before.areaCm2).toBe(10 * 900);
  });

  it('flags a device clock more than a day ahead but still records the entry', async () => {
    headers = await participantHeaders();
    const device = new TestDevice();
    const future = device.entry('recordTallyEvent', { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: fx.dayA, streetId: fx.streetA, sizeCode: 'TEGEL_30X30', count: 1 }, 2, new Date(Date.now() + 3 * 86_400_000).toISOString());
    const { body } = await push(device, [future]);
    expect(body.data.sync.results[0]).toMatchObject({ status: 'APPLIED', flags: ['CLIENT_TIME_IN_FUTURE'] });
  });

  it("answers the field app's compact form: plain applied entries as bare seqs, every other entry in full", async () => {
    headers = await participantHeaders();
    const device = new TestDevice();
    const plain = device.tally(fx.campaignA.id, fx.dayA, fx.streetA, 1);
    const future = device.entry('recordTallyEvent', { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: fx.dayA, streetId: fx.streetA, sizeCode: 'TEGEL_30X30', count: 1 }, 2, new Date(Date.now() + 3 * 86_400_000).toISOString());
    const poison = device.entry('recordTallyEvent', { nonsense: true });
    const plain2 = device.tally(fx.campaignA.id, fx.dayA, fx.streetA, 2);
    const first = (await fx.query(headers, SYNC_MUTATION, device.input([plain, future, poison, plain2]))).body.data.sync;
    expect(first.appliedSeqs).toEqual([1, 4]);
    expect(first.otherResults).toEqual([
      { mutationId: future.mutationId, seq: 2, status: 'APPLIED', code: null, message: null },
      { mutationId: poison.mutationId, seq: 3, status: 'REJECTED', code: 'BAD_USER_INPUT', message: expect.stringContaining('Ongeldige gegevens') },
    ]);
    // A retry of the first entry next to a new one: the duplicate is answered in full.
    const next = device.tally(fx.campaignA.id, fx.dayA, fx.streetA, 3);
    const both = `mutation($input: SyncInput!) { sync(input: $input) { results { mutationId seq status flags } appliedSeqs otherResults { mutationId seq status } } }`;
    const second = (await fx.query(headers, both, device.input([plain, next]))).body.data.sync;
    expect(second.appliedSeqs).toEqual([5]);
    expect(second.otherResults).toEqual([{ mutationId: plain.mutationId, seq: 1, status: 'DUPLICATE' }]);
    // The full list that older app versions ask for says the same.
    expect(second.results).toEqual([
      { mutationId: plain.mutationId, seq: 1, status: 'DUPLICATE', flags: [] },
      { mutationId: next.mutationId, seq: 5, status: 'APPLIED', flags: [] },
    ]);
  });

  it('upcasts an entry in an old format and rejects an unknown format with a clear reason', async () => {
    headers = await participantHeaders();
    const device = new TestDevice();
    const old = device.entry('recordTallyEvent', { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: fx.dayA, streetId: fx.streetA, sizeCode: 'TEGEL_60X60', pieces: 2 }, 1);
    const unknown = device.entry('recordTallyEvent', { id: uuidv7() }, 99);
    const { body } = await push(device, [old, unknown]);
    expect(body.data.sync.results[0].status).toBe('APPLIED');
    const stored = await fx.t.app.connection.db.selectFrom('tally_event').selectAll().where('id', '=', body.data.sync.results[0].entityId).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ count: 2, area_cm2: 7200 });
    expect(body.data.sync.results[1]).toMatchObject({ status: 'REJECTED', code: 'BAD_USER_INPUT' });
    expect(body.data.sync.results[1].message).toMatch(/Werk de app bij/);
  });

  it('refuses a batch over 500 entries with a clear error and applies none of it', async () => {
    headers = await participantHeaders();
    const device = new TestDevice();
    const before = await events();
    const batch = Array.from({ length: 501 }, () => device.tally(fx.campaignA.id, fx.dayA, fx.streetA, 1));
    const { body } = await push(device, batch);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/hoogstens 500/);
    expect(await events()).toBe(before);
  });

  it('keeps a device id to the person who first used it', async () => {
    const device = new TestDevice();
    await push(device, [device.tally(fx.campaignA.id, fx.dayA, fx.streetA, 1)], await participantHeaders());
    const hijack = await push(device, [device.tally(fx.campaignA.id, fx.dayA, fx.streetA, 1)], await participantHeaders());
    expect(hijack.body.errors[0].extensions.code).toBe('CONFLICT');
  });

  it('pulls changes since the cursor, and asks for a reset when the cursor is unknown', async () => {
    headers = await participantHeaders();
    const device = new TestDevice();
    const first = (await push(device, [])).body.data.sync.pull;
    expect(first.resetRequired).toBe(false);
    const types = new Set(first.changes.map((c: any) => c.entityType));
    expect(types).toContain('TALLY_TOTALS');
    expect(types).toContain('SPOT');
    await push(device, [device.tally(fx.campaignA.id, fx.dayA, fx.streetA, 5)], headers, first.cursor);
    const second = (await push(device, [], headers, first.cursor)).body.data.sync.pull;
    expect(second.changes.map((c: any) => c.entityType)).toEqual(['TALLY_TOTALS']);
    expect(second.changes[0].data.total.areaCm2).toBe((await total()).areaCm2);
    const reset = (await push(device, [], headers, '999999999')).body.data.sync.pull;
    expect(reset).toMatchObject({ resetRequired: true, changes: [] });
  });

  it('tells devices about streets added or changed after they joined, and about new action days', async () => {
    headers = await participantHeaders();
    const device = new TestDevice();
    const { cursor } = (await push(device, [])).body.data.sync.pull;
    const added = await fx.query('coordinator', 'mutation($input: AddStreetInput!) { addStreet(input: $input) { id } }', { input: { neighbourhoodId: fx.campaignA.neighbourhoodId, name: 'Nieuwe Stteg' } });
    const streetId = added.body.data.addStreet.id;
    await fx.query('coordinator', 'mutation($id: ID!) { setStreetHouseholds(streetId: $id, householdCount: 12) { id } }', { id: streetId });
    // A misspelt name is mended; another street's name (in other capitals) is refused.
    const rename = (name: string) => fx.query('coordinator', 'mutation($id: ID!, $name: String!) { renameStreet(streetId: $id, name: $name) { name } }', { id: streetId, name });
    const taken = (await fx.t.app.connection.db.selectFrom('street').select('name').where('id', '=', fx.streetA).executeTakeFirstOrThrow()).name;
    expect((await rename(taken.toUpperCase())).body.errors[0].message).toBe('Deze straat staat er al in.');
    expect((await rename('  Nieuwe Steeg  ')).body.data.renameStreet.name).toBe('Nieuwe Steeg');
    await fx.query('coordinator', 'mutation($input: AddCampaignDayInput!) { addCampaignDay(input: $input) { id } }', { input: { campaignId: fx.campaignA.id, date: '2027-05-20', label: 'Extra dag' } });
    const pulled = (await push(device, [], headers, cursor)).body.data.sync.pull.changes;
    // One snapshot per changed thing, at its latest state.
    expect(pulled.find((c: any) => c.entityType === 'STREET')).toMatchObject({ entityId: streetId, op: 'UPSERT', data: { id: streetId, name: 'Nieuwe Steeg', householdCount: 12 } });
    expect(pulled.filter((c: any) => c.entityType === 'STREET')).toHaveLength(1);
    expect(pulled.find((c: any) => c.entityType === 'CAMPAIGN').data.days.map((d: any) => d.label)).toContain('Extra dag');
  });

  it('never shows a device the changes of another campaign', async () => {
    const other = new TestDevice();
    const pull = (await fx.query('otherParticipant', SYNC, other.input([]))).body.data.sync.pull;
    const findingIds = pull.changes.filter((c: any) => c.entityType === 'FINDING').map((c: any) => c.entityId);
    expect(findingIds).not.toContain(fx.findingA.id);
    expect(pull.changes.filter((c: any) => c.entityType === 'SPOT')).toEqual([]);
  });

  it('shows coordinators each device with its last sync and last seq', async () => {
    headers = await participantHeaders();
    const device = new TestDevice();
    await push(device, [device.tally(fx.campaignA.id, fx.dayA, fx.streetA, 1), device.tally(fx.campaignA.id, fx.dayA, fx.streetA, 1)]);
    const { body } = await fx.query('coordinator', 'query($id: ID!) { campaign(id: $id) { devices { deviceId lastSeq lastSyncAt } } }', { id: fx.campaignA.id });
    expect(body.data.campaign.devices).toContainEqual(expect.objectContaining({ deviceId: device.id, lastSeq: 2 }));
  });

  it('reports photos a finding references that have not arrived yet', async () => {
    const device = new TestDevice();
    const photo = uuidv7();
    const { body } = await fx.query('schouwer', SYNC, device.input([device.entry('recordFinding', { id: uuidv7(), campaignId: fx.schouwA.id, category: 'SCHOON', streetId: fx.streetA, text: 'Vuilniszakken', photoIds: [photo] })]));
    expect(body.data.sync.results[0].status).toBe('APPLIED');
    expect(body.data.sync.missingPhotoIds).toEqual([photo]);
  });
});

describe('finding edits from two devices', () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture();
  });
  afterAll(() => fx.t.close());

  it('keeps the server value for the same field and records the losing value as a conflict; different fields both survive', async () => {
    const deviceA = new TestDevice();
    const findingId = uuidv7();
    await fx.query('schouwer', SYNC, deviceA.input([deviceA.entry('recordFinding', { id: findingId, campaignId: fx.schouwA.id, category: 'HEEL', streetId: fx.streetA, text: 'Stoeptegel los' })]));
    // Both edit offline from version 1: A changes text and rating, B (the coordinator's tablet) changes text and suggestion.
    const deviceB = new TestDevice();
    const editA = deviceA.entry('editFinding', { findingId, baseVersion: 1, changes: { text: 'Stoeptegel los bij nr. 12', rating: 'C' } });
    const editB = deviceB.entry('editFinding', { findingId, baseVersion: 1, changes: { text: 'Twee tegels los', suggestion: 'Opnieuw bestraten' } });
    expect((await fx.query('schouwer', SYNC, deviceA.input([editA]))).body.data.sync.results[0].status).toBe('APPLIED');
    expect((await fx.query('coordinator', SYNC, deviceB.input([editB], null, fx.schouwA.id))).body.data.sync.results[0].status).toBe('APPLIED');

    const { body } = await fx.query('coordinator', 'query($id: ID!) { finding(id: $id) { text rating suggestion version conflicts { id field deviceValue serverValue } } }', { id: findingId });
    expect(body.data.finding).toMatchObject({ text: 'Stoeptegel los bij nr. 12', rating: 'C', suggestion: 'Opnieuw bestraten', version: 3 });
    expect(body.data.finding.conflicts).toEqual([expect.objectContaining({ field: 'text', deviceValue: 'Twee tegels los', serverValue: 'Stoeptegel los bij nr. 12' })]);

    const resolved = await fx.query('coordinator', 'mutation($id: ID!) { resolveFindingConflict(conflictId: $id, useDeviceValue: true) { text conflicts { id } } }', { id: body.data.finding.conflicts[0].id });
    expect(resolved.body.data.resolveFindingConflict).toEqual({ text: 'Twee tegels los', conflicts: [] });
  });
});
