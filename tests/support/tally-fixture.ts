/**
 * A tegelwip campaign (or, when asked, a clean-up with the units given) over a fresh in-memory database: the seeded Staatsliedenbuurt,
 * action days, a coordinator viewer and participants, for service-level tests.
 * In memory on purpose: these tests call services on one connection without the app, so
 * there is no reader connection or sync worker a file would bring into play, and their
 * property runs make many small commits that a file would each fsync. Tests of the app
 * use startTestApp(), which runs on a file. On PostgreSQL, which has no database in
 * memory, a database of its own.
 */
import type { UnitCode } from '@buurtkracht/protocol/tally-units';
import { v7 as uuidv7 } from 'uuid';
import type { Viewer } from '../../server/src/auth/viewer.js';
import { openConnection, openDatabase } from '../../server/src/db/connect.js';
import type { Db } from '../../server/src/db/database.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import { changeCampaignStatus, createCampaign, daysOfCampaigns, type Campaign } from '../../server/src/modules/campaign/campaign.service.js';
import { allStreets } from '../../server/src/modules/neighbourhood/neighbourhood.repo.js';
import { createNeighbourhood } from '../../server/src/modules/neighbourhood/neighbourhood.service.js';
import { createTestDatabase, onPostgres } from './test-database.js';

export interface TallyFixture {
  db: Db;
  campaign: Campaign;
  coordinator: Viewer;
  streetIds: string[];
  dayIds: string[];
  /** Adds a participant row (no invite flow) and returns its viewer. */
  participant(name: string, showNameInRankings: boolean): Promise<Viewer & { kind: 'participant' }>;
  close(): Promise<void>;
}

export interface TallyFixtureOptions {
  streets?: number;
  days?: number;
  households?: (i: number) => number | null;
  /** A clean-up (OPRUIMEN) counting these units, instead of a tegelwip campaign. */
  cleanupUnits?: readonly { code: UnitCode; target?: number | null }[];
}

export async function tallyFixture(options: TallyFixtureOptions = {}): Promise<TallyFixture> {
  // On PostgreSQL (test-database.ts) a database of its own, copied from the migrated template.
  const database = onPostgres ? createTestDatabase() : null;
  const { db } = database ? openConnection({ databasePath: '', databaseUrl: database.url }, { reader: false }) : openDatabase(':memory:');
  await migrateToLatest(db);
  const streetCount = options.streets ?? 3;
  const neighbourhood = await db.transaction().execute((trx) =>
    createNeighbourhood(trx, {
      slug: 'testbuurt',
      name: 'Testbuurt',
      municipality: 'Alblasserdam',
      streets: Array.from({ length: streetCount }, (_, i) => ({ name: `Straat ${String(i).padStart(3, '0')}`, householdCount: options.households?.(i) ?? null })),
    }),
  );
  const coordinator: Viewer = { kind: 'staff', accountId: 'coordinator', role: 'COORDINATOR', organisationId: null, neighbourhoodIds: [neighbourhood.id], sessionHash: '' };
  // The audit log references a real account.
  await db.insertInto('staff_account').values({ id: 'coordinator', email: 'c@test.example', display_name: 'C', password_hash: 'x', role: 'COORDINATOR', organisation_id: null, disabled_at: null, created_at: '', password_changed_at: '' }).execute();
  const dayCount = options.days ?? 2;
  const draft = await createCampaign(db, coordinator, {
    neighbourhoodId: neighbourhood.id,
    ...(options.cleanupUnits ? { kind: 'OPRUIMEN' as const, name: 'Opruimactie test', units: options.cleanupUnits } : { kind: 'TEGELWIPPEN' as const, name: 'Tegelwippen test' }),
    days: Array.from({ length: dayCount }, (_, i) => ({ date: `2027-04-${String(i + 1).padStart(2, '0')}` })),
    publicProgress: true,
    requestId: 'fixture',
  });
  const campaign = await changeCampaignStatus(db, coordinator, { campaignId: draft.id, status: 'OPEN', requestId: 'fixture' });
  const streetIds = (await allStreets(db, neighbourhood.id)).map((s) => s.id);
  const dayIds = (await daysOfCampaigns(db, [campaign.id])).map((d) => d.id);
  await db.insertInto('participant_invite').values({ id: 'invite', campaign_id: campaign.id, code: 'TESTCODE22', label: null, created_by: 'coordinator', created_at: '', expires_at: null, max_uses: null, use_count: 0, revoked_at: null }).execute();
  return {
    db,
    campaign,
    coordinator,
    streetIds,
    dayIds,
    async participant(name, showNameInRankings) {
      const id = uuidv7();
      await db
        .insertInto('participant')
        .values({ id, campaign_id: campaign.id, invite_id: 'invite', token_hash: id, display_name: name, contact: null, contact_consent_at: null, pseudonym: `Buurtgenoot ${id.slice(-4).toUpperCase()}`, show_name_in_rankings: showNameInRankings ? 1 : 0, joined_at: new Date().toISOString(), revoked_at: null, erased_at: null })
        .execute();
      return { kind: 'participant', participantId: id, campaignId: campaign.id };
    },
    async close() {
      await db.destroy();
      database?.drop();
    },
  };
}
