/**
 * A NUL character in what a phone sends: SQLite would keep it, PostgreSQL cannot store it.
 * Either way the entry is refused on its own with a clear message (and the same on both
 * databases, so a programme can move from one to the other), while the entries behind it
 * go through. A command name with one is no command a Buurtkracht app sends: the batch is
 * refused at the edge, before anything is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { SYNC, TestDevice } from '../support/sync-client.js';
import { databaseFile } from '../support/test-app.js';

describe('NUL characters in a sync batch', () => {
  const file = databaseFile();
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture(file.env);
  });
  afterAll(async () => {
    await fx.t.close();
    file.remove();
  });

  const finding = (text: string) => ({ id: uuidv7(), campaignId: fx.schouwA.id, category: 'SCHOON', streetId: fx.streetA, text, deviceTime: new Date().toISOString() });

  it('refuses the entry with the character, with a message the person can act on, and applies the next one', async () => {
    const device = new TestDevice();
    const entries = [
      device.entry('recordFinding', finding('Losse tegel\u0000')),
      device.entry('recordFinding', finding('Losse tegel')),
      // Written out as a backslash and letters it is plain text.
      device.entry('recordFinding', finding('Bord met \\u0000 erop')),
    ];
    const { body } = await fx.query(fx.headers.schouwer, SYNC, device.input(entries));
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const [refused, applied, literal] = body.data.sync.results;
    expect(refused).toMatchObject({ status: 'REJECTED', code: 'BAD_USER_INPUT', message: 'Hierin staat een onzichtbaar teken dat niet bewaard kan worden. Gooi het weg en voer het opnieuw in.' });
    expect(applied).toMatchObject({ status: 'APPLIED' });
    expect(literal).toMatchObject({ status: 'APPLIED' });
    const texts = await fx.t.app.connection.db.selectFrom('finding').select('text').where('campaign_id', '=', fx.schouwA.id).execute();
    expect(texts.map((f) => f.text)).not.toContain('Losse tegel\u0000');
  });

  it('refuses a batch whose command name holds one, and stores nothing of it', async () => {
    const device = new TestDevice();
    const { body } = await fx.query(fx.headers.schouwer, SYNC, device.input([device.entry('recordFinding\u0000', finding('Stoep'))]));
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const rows = await fx.t.app.connection.db.selectFrom('sync_mutation').select('mutation_id').where('device_id', '=', device.id).execute();
    expect(rows).toEqual([]);
  });
});
