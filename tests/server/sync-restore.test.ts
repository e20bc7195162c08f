/**
 * The sync protocol's promises when the server is restored from a backup, an answer is
 * lost, or an entry can never be sent whole: refusals stay refusals, a cursor from
 * another history of the change log asks for a reset, and a device the server does not
 * know is registered only with a batch it takes. Runs on a database file with the sync
 * worker, as npm start does, and restores it as an operator would.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { backUp, restoreAndRestart } from '../support/backup.js';
import { SYNC, TestDevice } from '../support/sync-client.js';
import { databaseFile, graphql, type TestApp } from '../support/test-app.js';
import { sqliteOnly } from '../support/test-database.js';

describe('sync across a restore and lost answers', () => {
  const file = databaseFile();
  let fx: AccessFixture;
  let app: TestApp;
  const push = (device: TestDevice, entries: ReturnType<TestDevice['entry']>[], headers: Record<string, string>, cursor: string | null = null) => graphql(app.url, SYNC, device.input(entries, cursor), headers);
  const addStreet = async (name: string) =>
    (await graphql(app.url, 'mutation($input: AddStreetInput!) { addStreet(input: $input) { id } }', { input: { neighbourhoodId: fx.campaignA.neighbourhoodId, name } }, fx.headers.coordinator)).body.data.addStreet.id as string;
  const devicesNamed = async (id: string) => (await app.app.connection.db.selectFrom('sync_device').select('id').where('id', '=', id).execute()).length;

  beforeAll(async () => {
    fx = await accessFixture(file.env);
    app = fx.t;
  });
  afterAll(async () => {
    await app.close();
    file.remove();
  });

  it('gives a refused entry whose answer was lost the same refusal again, not DUPLICATE', async () => {
    const { headers } = await fx.makeParticipant(fx.campaignA);
    const device = new TestDevice();
    const poison = device.entry('recordTallyEvent', { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: 'geen-dag', streetId: fx.streetA, unitCode: 'TEGEL_30X30', count: 1 });
    const good = device.tally(fx.campaignA.id, fx.dayA, fx.streetA, 2);
    const first = (await push(device, [poison, good], headers)).body.data.sync.results;
    expect(first.map((r: any) => r.status)).toEqual(['REJECTED', 'APPLIED']);
    // The answer never reached the phone: it sends both again.
    const again = (await push(device, [poison, good], headers)).body.data.sync.results;
    expect(again[0]).toEqual({ ...first[0], status: 'REJECTED', code: 'BAD_USER_INPUT', message: 'Deze actiedag hoort niet bij deze actie.' });
    expect(again[1]).toMatchObject({ status: 'DUPLICATE', entityId: first[1].entityId });
    // The field app's compact answer says the same: the refusal in full, nothing applied.
    const compact = await graphql(app.url, 'mutation($input: SyncInput!) { sync(input: $input) { appliedSeqs otherResults { seq status code message } } }', device.input([poison, good]), headers);
    expect(compact.body.data.sync.appliedSeqs).toEqual([]);
    expect(compact.body.data.sync.otherResults.map((r: any) => [r.seq, r.status, r.code])).toEqual([
      [poison.seq, 'REJECTED', 'BAD_USER_INPUT'],
      [good.seq, 'DUPLICATE', null],
    ]);
  });

  it('registers no device for a batch that stops at a gap before its first entry', async () => {
    const { headers } = await fx.makeParticipant(fx.campaignA);
    const device = new TestDevice();
    for (let seq = 1; seq < 5; seq++) device.tally(fx.campaignA.id, fx.dayA, fx.streetA, 1); // numbers used on the phone, lost to the server
    const late = device.tally(fx.campaignA.id, fx.dayA, fx.streetA, 1);
    const { body } = await push(device, [late], headers);
    expect(body.data.sync).toMatchObject({ expectedSeq: 1, lastSeq: 0, results: [] });
    expect(await devicesNamed(device.id)).toBe(0);
    // A batch the server takes registers it, an empty one (a pull) too.
    const fresh = new TestDevice();
    await push(fresh, [], headers);
    expect(await devicesNamed(fresh.id)).toBe(1);
  });

  it('refuses alone an entry the phone could not send whole, and applies the rest', async () => {
    const { headers } = await fx.makeParticipant(fx.campaignA);
    const device = new TestDevice();
    const tooLarge = { ...device.tally(fx.campaignA.id, fx.dayA, fx.streetA, 1), args: {}, argsOmittedBytes: 300_000 };
    const after = device.tally(fx.campaignA.id, fx.dayA, fx.streetA, 3);
    const results = (await push(device, [tooLarge, after], headers)).body.data.sync.results;
    expect(results.map((r: any) => r.status)).toEqual(['REJECTED', 'APPLIED']);
    expect(results[0]).toMatchObject({ code: 'BAD_USER_INPUT', message: 'Dit is te groot om te versturen (293 kB, de grens is 64 kB). Gooi het weg en voer het opnieuw in, met minder tekst.' });
  });

  it('refuses an entry under another device’s mutation id with its own seq, and uses that seq up', async () => {
    const { headers } = await fx.makeParticipant(fx.campaignA);
    const first = new TestDevice();
    const taken = first.tally(fx.campaignA.id, fx.dayA, fx.streetA, 1);
    await push(first, [taken], headers);
    const copy = new TestDevice(); // say, a device database copied to another phone
    const reused = { ...copy.tally(fx.campaignA.id, fx.dayA, fx.streetA, 1), mutationId: taken.mutationId };
    const next = copy.tally(fx.campaignA.id, fx.dayA, fx.streetA, 2);
    const { body } = await push(copy, [reused, next], headers);
    expect(body.data.sync).toMatchObject({ expectedSeq: null, lastSeq: 2 });
    expect(body.data.sync.results.map((r: any) => [r.seq, r.status, r.code])).toEqual([
      [1, 'REJECTED', 'MUTATION_ID_REUSED'],
      [2, 'APPLIED', null],
    ]);
  });

  it.skipIf(sqliteOnly('restores a copy of the SQLite file'))('asks a phone whose cursor is from after the backup to start over, and keeps cursors from before it', async () => {
    const { headers } = await fx.makeParticipant(fx.campaignA);
    const early = new TestDevice();
    const late = new TestDevice();
    const beforeBackup = (await push(early, [], headers)).body.data.sync.pull.cursor;

    const backup = path.join(path.dirname(file.env.DATABASE_PATH!), 'backup.db');
    await backUp(file.env.DATABASE_PATH!, backup);
    await addStreet('Straat van na de back-up');
    const afterBackup = (await push(late, [], headers)).body.data.sync.pull.cursor;
    expect(afterBackup).not.toBe(beforeBackup);

    app = await restoreAndRestart(app, file.env, backup);
    // The restored log hands out the same numbers again, for other changes.
    const streetId = await addStreet('Straat van na het terugzetten');

    const stale = (await push(late, [], headers, afterBackup)).body.data.sync.pull;
    expect(stale).toMatchObject({ resetRequired: true, changes: [] });
    const fromStart = (await push(late, [], headers, stale.cursor)).body.data.sync.pull;
    expect(fromStart.changes.map((c: any) => c.entityId)).toContain(streetId);

    // A cursor from before the backup names a change the restored log still holds.
    const kept = (await push(early, [], headers, beforeBackup)).body.data.sync.pull;
    expect(kept.resetRequired).toBe(false);
    expect(kept.changes.filter((c: any) => c.entityType === 'STREET').map((c: any) => c.entityId)).toEqual([streetId]);

    // Cursors from before they named their change, and made-up ones, ask for a reset too.
    for (const cursor of ['3', `${beforeBackup.split('.')[0]}.AAAAAAAAAAAA`, 'x.y']) {
      expect((await push(early, [], headers, cursor)).body.data.sync.pull.resetRequired).toBe(true);
    }
  });

});
