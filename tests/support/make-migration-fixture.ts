/**
 * Writes tests/fixtures/migrations/<latest migration>.sql: a database made by the current
 * migrations and the current code, with rows in every table, as SQL text. The upgrade test
 * (tests/server/migrations.test.ts) loads each such file, runs the migrations that came
 * after it, and checks that the data survived and the app runs on it.
 *
 *   node --import tsx tests/support/make-migration-fixture.ts
 *
 * Run it when a release goes out (the file is named after the latest migration, so it adds
 * a fixture next to the older ones); never to "fix" an old fixture after a migration.
 * Everything is written the way the app writes it: the demo seed, then GraphQL, photo
 * uploads and sync batches over HTTP against an app on a database file with the worker.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import sharp from 'sharp';
import { v7 as uuidv7 } from 'uuid';
import { createAuthSettings } from '../../server/src/auth/auth-settings.js';
import { migrationsFolder } from '../../server/src/db/migrate.js';
import { createStaffAccount } from '../../server/src/modules/account/account.service.js';
import { repoRoot } from './server-process.js';
import { dumpDatabase } from './sql-dump.js';
import { SYNC, TestDevice } from './sync-client.js';
import { databaseFile, graphql, startTestApp } from './test-app.js';

export const FIXTURE_FOLDER = path.join(repoRoot, 'tests/fixtures/migrations');

/** What the upgrade test needs to know about a fixture beyond its rows (a JSON comment line). */
export interface FixtureFacts {
  adminEmail: string;
  password: string;
  tegelwipCampaignId: string;
  schouwCampaignId: string;
  participantToken: string;
  /** A batch the tegelwip device pushed; resent after the upgrade, every entry is a DUPLICATE. */
  deviceId: string;
  batch: unknown[];
  findingId: string;
  findingText: string;
  mediaId: string;
  mediaSha256: string;
  /**
   * Answers to checklist items, recorded as findings before observations existed (fixtures
   * made from 2026-11-30 on): `plain` ones had no follow-up; `followedUp` ones got a status
   * change, routing, a photo or a place in the action plan.
   */
  answers?: { plain: string[]; followedUp: string[] };
}

export const FACTS_PREFIX = '-- facts: ';

export function readFacts(dump: string): FixtureFacts {
  const line = dump.split('\n').find((l) => l.startsWith(FACTS_PREFIX));
  if (!line) throw new Error('fixture without a facts line');
  return JSON.parse(line.slice(FACTS_PREFIX.length)) as FixtureFacts;
}

const PASSWORD = 'fixture wachtwoord voor beheer';

async function makeFixture(): Promise<{ dump: string; facts: FixtureFacts }> {
  const file = databaseFile();
  try {
    const t = await startTestApp({ ...file.env, LOG_LEVEL: 'warn' });
    let facts: FixtureFacts;
    try {
      facts = await fill(t.url, t.app.connection.db, t.config);
    } finally {
      await t.close();
    }
    const sqlite = new SQLite(file.env.DATABASE_PATH!, { readonly: true });
    try {
      const empty = (sqlite.prepare("select name from sqlite_master where type = 'table' order by name").pluck().all() as string[]).filter(
        (table) => (sqlite.prepare(`select count(*) from "${table}"`).pluck().get() as number) === 0,
      );
      if (empty.length > 0) throw new Error(`the fixture has no rows in: ${empty.join(', ')}; make some in fill()`);
      return { dump: dumpDatabase(sqlite), facts };
    } finally {
      sqlite.close();
    }
  } finally {
    file.remove();
  }
}

async function fill(url: string, db: Parameters<typeof createStaffAccount>[0], config: Parameters<typeof createAuthSettings>[0]): Promise<FixtureFacts> {
  const ok = async (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
    const { body } = await graphql(url, query, variables, headers);
    if (body.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(body.errors)}`);
    return body.data;
  };

  // An admin with a known password (the demo coordinator's is generated), signed in.
  const adminEmail = 'beheer@fixture.example';
  const passwordHash = await createAuthSettings(config).hasher.hash(PASSWORD);
  await db.transaction().execute((trx) => createStaffAccount(trx, { email: adminEmail, displayName: 'Beheer (fixture)', role: 'ADMIN', passwordHash, organisationId: null, neighbourhoodIds: [] }));
  const login = await graphql(url, 'mutation($input: LoginInput!) { login(input: $input) { id } }', { input: { email: adminEmail, password: PASSWORD } });
  const admin = { cookie: login.headers.getSetCookie()[0]!.split(';')[0]! };

  const { campaigns } = await ok('{ campaigns { edges { node { id kind } } } }', {}, admin);
  const byKind = async (kind: string) => {
    const { id } = campaigns.edges.map((e: any) => e.node).find((c: any) => c.kind === kind);
    const details = 'id days { id } checklist { sections { items { id type spotTypes } } } neighbourhood { streets(first: 20) { edges { node { id } } } spots(first: 50) { edges { node { id type } } } }';
    return (await ok(`query($id: ID!) { campaign(id: $id) { ${details} } }`, { id }, admin)).campaign;
  };
  const tegelwip = await byKind('TEGELWIPPEN');
  const schouw = await byKind('SCHOUW');
  const streets = tegelwip.neighbourhood.streets.edges.map((e: any) => e.node.id as string);
  const { organisations } = await ok('{ organisations { edges { node { id name } } } }', {}, admin);
  const organisationId = organisations.edges[0].node.id as string;

  await ok('mutation($input: InviteStaffInput!) { inviteStaff(input: $input) { link } }', { input: { email: 'partner@fixture.example', role: 'PARTNER', organisationId } }, admin);
  await ok('mutation($id: ID!, $count: Int) { setStreetHouseholds(streetId: $id, householdCount: $count) { id } }', { id: streets[0], count: 42 }, admin);

  const join = async (campaignId: string, displayName: string, contact: string | null) => {
    const { createParticipantInvite } = await ok('mutation($input: CreateParticipantInviteInput!) { createParticipantInvite(input: $input) { code } }', { input: { campaignId, label: 'Poster (fixture)', maxUses: 50 } }, admin);
    const { joinCampaign } = await ok('mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { token } }', {
      input: { code: createParticipantInvite.code, displayName, contact, contactConsent: contact !== null, showNameInRankings: true },
    });
    return { authorization: `Bearer ${joinCampaign.token as string}` };
  };
  const teller = await join(tegelwip.id, 'Fatima (fixture)', '06-12345678');
  const schouwer = await join(schouw.id, 'Henk (fixture)', null);

  // Tiles counted on a phone, one entry in the first field app's format, and a correction.
  const tellerDevice = new TestDevice();
  const day = tegelwip.days[0].id as string;
  const first = tellerDevice.tally(tegelwip.id, day, streets[0]!, 12);
  const batch = [
    first,
    tellerDevice.tally(tegelwip.id, day, streets[1]!, 3, 'TEGEL_50X50'),
    tellerDevice.tally(tegelwip.id, day, streets[1]!, 40, 'KLINKER_20X10'),
    tellerDevice.entry('recordTallyEvent', { id: uuidv7(), campaignId: tegelwip.id, actionDayId: day, streetId: streets[2], sizeCode: 'TEGEL_30X30', pieces: 7 }, 1),
    tellerDevice.entry('correctTallyEvent', { id: uuidv7(), correctsEventId: (first.args as { id: string }).id, count: 2 }),
    // Refused (a correction takes away a positive count); the refusal is stored too.
    tellerDevice.entry('correctTallyEvent', { id: uuidv7(), correctsEventId: (first.args as { id: string }).id, count: -2 }),
  ];
  const pushed = await graphql(url, SYNC, tellerDevice.input(batch), teller);
  const statuses = pushed.body.data?.sync.results.map((r: any) => r.status).join(',');
  if (statuses !== 'APPLIED,APPLIED,APPLIED,APPLIED,APPLIED,REJECTED') throw new Error(`tally sync: ${JSON.stringify(pushed.body)}`);

  // A photo, a finding that shows it, an answer, and two edits of one field from the same base (a conflict).
  const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 90, g: 140, b: 60 } } }).jpeg().toBuffer();
  const mediaId = uuidv7();
  const mediaSha256 = createHash('sha256').update(photo).digest('hex');
  const upload = await fetch(`${url}/media/${mediaId}`, { method: 'PUT', headers: { ...schouwer, 'content-type': 'image/jpeg', sha256: mediaSha256 }, body: new Uint8Array(photo) });
  if (upload.status !== 201) throw new Error(`photo upload: ${upload.status} ${await upload.text()}`);
  const items = schouw.checklist.sections.flatMap((s: any) => s.items);
  const spots = schouw.neighbourhood.spots.edges.map((e: any) => e.node);
  const item = items.find((i: any) => i.type === 'RATING' && i.spotTypes.length > 0 && spots.some((s: any) => i.spotTypes.includes(s.type))) ?? items[0];
  const spot = spots.find((s: any) => item.spotTypes.includes(s.type)) ?? spots[0];
  const yesNo = items.find((i: any) => i.type === 'YES_NO' && i.spotTypes.length === 0);
  const answerIds = { plain: [uuidv7(), uuidv7()], routed: uuidv7(), withStatus: uuidv7(), withPhoto: uuidv7(), inPlan: uuidv7() };
  const answerPhotoId = uuidv7();
  const answerPhoto = await sharp({ create: { width: 48, height: 64, channels: 3, background: { r: 40, g: 90, b: 160 } } }).jpeg().toBuffer();
  const answerPhotoUpload = await fetch(`${url}/media/${answerPhotoId}`, {
    method: 'PUT',
    headers: { ...schouwer, 'content-type': 'image/jpeg', sha256: createHash('sha256').update(answerPhoto).digest('hex') },
    body: new Uint8Array(answerPhoto),
  });
  if (answerPhotoUpload.status !== 201) throw new Error(`answer photo upload: ${answerPhotoUpload.status}`);
  const schouwDevice = new TestDevice();
  const findingId = uuidv7();
  const findingText = 'Losse stoeptegel bij de bank (fixture)';
  const clientTime = '2027-05-12T09:30:00.000Z';
  const schouwBatch = [
    schouwDevice.entry('recordFinding', { id: findingId, campaignId: schouw.id, category: 'HEEL', spotId: spot.id, rating: 'C', text: findingText, suggestion: 'Vastleggen', location: { lat: 51.8593, lon: 4.6571, accuracyM: 8 }, photoIds: [mediaId] }, 1, clientTime),
    schouwDevice.entry('answerChecklistItem', { id: answerIds.plain[0], campaignId: schouw.id, spotId: spot.id, checklistItemId: item.id, rating: 'B', text: 'Netjes (fixture)' }, 1, clientTime),
    schouwDevice.entry('answerChecklistItem', { id: answerIds.plain[1], campaignId: schouw.id, spotId: spot.id, checklistItemId: yesNo.id, answer: 'NEE', location: { lat: 51.8591, lon: 4.6569, accuracyM: 12 } }, 1, clientTime),
    schouwDevice.entry('answerChecklistItem', { id: answerIds.routed, campaignId: schouw.id, spotId: spot.id, checklistItemId: item.id, rating: 'D' }, 1, clientTime),
    schouwDevice.entry('answerChecklistItem', { id: answerIds.withStatus, campaignId: schouw.id, spotId: spot.id, checklistItemId: item.id, rating: 'C' }, 1, clientTime),
    schouwDevice.entry('answerChecklistItem', { id: answerIds.withPhoto, campaignId: schouw.id, spotId: spot.id, checklistItemId: yesNo.id, answer: 'JA', photoIds: [answerPhotoId] }, 1, clientTime),
    schouwDevice.entry('answerChecklistItem', { id: answerIds.inPlan, campaignId: schouw.id, spotId: spot.id, checklistItemId: item.id, rating: 'C', suggestion: 'Bankje erbij (fixture)' }, 1, clientTime),
    schouwDevice.entry('editFinding', { findingId, baseVersion: 1, changes: { suggestion: 'Opnieuw leggen' } }, 1, clientTime),
    schouwDevice.entry('editFinding', { findingId, baseVersion: 1, changes: { suggestion: 'Tegel vervangen' } }, 1, clientTime),
  ];
  const synced = await graphql(url, SYNC, schouwDevice.input(schouwBatch), schouwer);
  if (synced.body.errors || synced.body.data.sync.results.some((r: any) => r.status !== 'APPLIED')) throw new Error(`schouw sync: ${JSON.stringify(synced.body)}`);

  // Follow-up by the team.
  await ok('mutation($id: ID!, $org: ID) { routeFinding(findingId: $id, organisationId: $org) { status } }', { id: findingId, org: organisationId }, admin);
  await ok('mutation($input: ChangeFindingStatusInput!) { changeFindingStatus(input: $input) { status } }', { input: { findingId, status: 'IN_BEHANDELING', publicMessage: 'De gemeente kijkt ernaar (fixture).' } }, admin);
  await ok('mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }', { input: { campaignId: schouw.id, title: 'Tegels vastleggen (fixture)', owner: 'Gemeente', findingIds: [findingId] } }, admin);
  // Answers that were followed up as findings: routed, moved on with a message, in the plan.
  await ok('mutation($id: ID!, $org: ID) { routeFinding(findingId: $id, organisationId: $org) { status } }', { id: answerIds.routed, org: organisationId }, admin);
  await ok('mutation($input: ChangeFindingStatusInput!) { changeFindingStatus(input: $input) { status } }', { input: { findingId: answerIds.withStatus, status: 'INGEPLAND', publicMessage: 'Wordt in juni gemaaid (fixture).' } }, admin);
  await ok('mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }', { input: { campaignId: schouw.id, title: 'Bankjes bijplaatsen (fixture)', owner: 'Bewonersteam', findingIds: [answerIds.inPlan] } }, admin);

  return {
    adminEmail,
    password: PASSWORD,
    tegelwipCampaignId: tegelwip.id,
    schouwCampaignId: schouw.id,
    participantToken: teller.authorization.slice('Bearer '.length),
    deviceId: tellerDevice.id,
    batch,
    findingId,
    findingText,
    mediaId,
    mediaSha256,
    answers: { plain: answerIds.plain, followedUp: [answerIds.routed, answerIds.withStatus, answerIds.withPhoto, answerIds.inPlan] },
  };
}

function latestMigration(): string {
  const names = fs.readdirSync(migrationsFolder).filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.endsWith('.d.ts')).sort();
  return names.at(-1)!.replace(/\.(ts|js|mjs)$/, '');
}

async function main(): Promise<void> {
  const migration = latestMigration();
  const target = path.join(FIXTURE_FOLDER, `${migration}.sql`);
  if (fs.existsSync(target) && !process.argv.includes('--replace')) {
    throw new Error(`${path.relative(repoRoot, target)} exists: a fixture stays as its release made it (pass --replace only while that release is not out)`);
  }
  const { dump, facts } = await makeFixture();
  const header = [
    `-- A Buurtkracht database as the migrations up to ${migration} made it, with rows in every table.`,
    '-- Made by `node --import tsx tests/support/make-migration-fixture.ts` (demo seed, then GraphQL,',
    '-- a photo upload and sync batches over HTTP). Do not edit it, and do not make it again after',
    '-- adding a migration: tests/server/migrations.test.ts upgrades it with every later migration.',
    `-- Made on ${new Date().toISOString().slice(0, 10)}.`,
    `${FACTS_PREFIX}${JSON.stringify(facts)}`,
  ];
  fs.mkdirSync(FIXTURE_FOLDER, { recursive: true });
  fs.writeFileSync(target, `${header.join('\n')}\n${dump}`);
  console.log(`wrote ${path.relative(repoRoot, target)} (${Math.round(fs.statSync(target).size / 1024)} KB)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
