/**
 * Field commands are validated in the sync worker (a database file, as in production), and
 * their refusals reach people in the field app: the worker speaks Dutch too, not only the
 * GraphQL schema on the main thread.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { SYNC, TestDevice } from '../support/sync-client.js';

describe('validation messages of field commands in the sync worker', () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture(); // on a database file with the sync worker, as npm start runs
  });
  afterAll(() => fx?.t.close());

  it('refuses a tally with a count that is not a number in Dutch', async () => {
    const device = new TestDevice();
    const entry = device.entry('recordTallyEvent', { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: fx.dayA, streetId: fx.streetA, unitCode: 'TEGEL_30X30', count: 'veel' });
    const { body } = await fx.query('participant', SYNC, device.input([entry]));
    const [result] = body.data.sync.results;
    expect(result).toMatchObject({ status: 'REJECTED', code: 'BAD_USER_INPUT' });
    expect(result.message).toMatch(/^Ongeldige gegevens: count: /);
    expect(result.message).not.toMatch(/invalid|expected|received/i);
  });
});
