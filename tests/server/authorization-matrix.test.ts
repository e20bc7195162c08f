/**
 * Every query and mutation, as every role (and anonymous, and a participant or
 * coordinator of another campaign or neighbourhood), over real HTTP: allowed answers
 * carry data, refused ones carry UNAUTHENTICATED (no credentials) or NOT_FOUND (signed
 * in but not yours) and change nothing in the database.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { hashSecret } from '../../server/src/auth/tokens.js';
import { addCampaignDay, createCampaign, daysOfCampaigns, updateCampaignSettings } from '../../server/src/modules/campaign/campaign.service.js';
import { createParticipantInvite } from '../../server/src/modules/participant/participant-invite.service.js';
import { recordTallyEvent } from '../../server/src/modules/tally/tally.service.js';
import { createActionItem } from '../../server/src/modules/finding/action-plan.service.js';
import { recordFinding } from '../../server/src/modules/finding/finding.service.js';
import { DEMO_CHECKLIST } from '../../server/src/seed/demo-checklist.js';
import { setDayCapacity, setSignupOpen } from '../../server/src/modules/signup/signup-planning.service.js';
import { signUp } from '../../server/src/modules/signup/signup.service.js';
import { editFinding } from '../../server/src/modules/finding/finding-edit.service.js';
import { publishQuestionnaire, setCampaignQuestionnaire, type Questionnaire } from '../../server/src/modules/questionnaire/questionnaire.service.js';
import { todayInNetherlands } from '../../server/src/modules/campaign/local-date.js';
import { tableHashes } from '../support/table-hashes.js';
import { accessFixture, PASSWORD, roles, type AccessFixture, type Role } from '../support/access-fixtures.js';
import { composedDay, confirmedSignup, newSchouwDay, putCallerInTeam } from '../support/team-fixture.js';

interface Operation {
  name: string;
  /** The root field whose value shows the call was allowed. */
  field: string;
  query: string;
  variables?: (fx: AccessFixture) => Promise<Record<string, unknown>> | Record<string, unknown>;
  allowed: readonly Role[];
  /** The operation changes or ends the caller: run it with new credentials each time. */
  consumesCaller?: boolean;
  /** Refusal shows as a null answer (nullable lookups) rather than an error. */
  refusedAsNull?: boolean;
  /** Puts the caller in the state the operation needs, after the variables are made (with consumesCaller: a new caller each time). */
  prepareCaller?: (fx: AccessFixture, headers: Record<string, string>, variables: Record<string, unknown>) => Promise<void>;
}

const everyone = roles;
const staff = ['admin', 'coordinator', 'otherCoordinator', 'partner'] as const;
const managersOfA = ['admin', 'coordinator'] as const;
const participants = ['participant', 'otherParticipant', 'schouwer'] as const;
const fieldOfTegelwipA = ['admin', 'coordinator', 'participant'] as const;
const fieldOfSchouwA = ['admin', 'coordinator', 'schouwer'] as const;

/**
 * A date no campaign day has yet: each call the next day after the last. (Random dates
 * collided now and then, and a taken date is refused, failing an allowed call.)
 */
let datesHandedOut = 0;
function nextDate(): string {
  return new Date(Date.UTC(2028, 0, 1) + datesHandedOut++ * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A number not used before, for values an update sets: a refused call that wrote anyway
 * must leave something to see, not the value an allowed call set before it.
 */
let numbersHandedOut = 0;
const nextNumber = () => ++numbersHandedOut;

/** Every field of Observation; a test below checks that none is left out. */
const OBSERVATION_FIELDS =
  'id checklistItemId theme rating answer note current location { lat lon accuracyM } deviceTime serverTime recordedByMe recorderName spot { name } street { name } findingId';

/** An answer to the playground's rating item at the fixture's playground, as the schouwer's app sends it. */
function observationInput(fx: AccessFixture) {
  const item = fx.checklist.sections.flatMap((s) => s.items).find((i) => i.prompt === 'In welke staat zijn de speeltoestellen?')!;
  return { campaignId: fx.schouwA.id, spotId: fx.spotA.id, checklistItemId: item.id, rating: 'C', location: { lat: 51.859, lon: 4.657, accuracyM: 6 }, deviceTime: new Date().toISOString() };
}

/** A new answer recorded by the schouwer (participants see only their own answers). */
async function newObservationOfSchouwer(fx: AccessFixture): Promise<string> {
  const id = uuidv7();
  const { body } = await fx.query('schouwer', 'mutation($input: RecordObservationInput!) { recordObservation(input: $input) { id } }', { input: { ...observationInput(fx), id } });
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return id;
}

let schouwerObservation: Promise<string> | undefined;
/** One answer of the schouwer, made once, for the read operations. */
const observationOfSchouwer = (fx: AccessFixture) => (schouwerObservation ??= newObservationOfSchouwer(fx));

/** A new action plan item in schouwA owned by the partner's organisation, with one routed finding. */
async function partnersActionItem(fx: AccessFixture): Promise<{ id: string; findingId: string }> {
  const finding = await fx.makeFinding();
  const item = await createActionItem(fx.t.app.connection.db, fx.asViewer('admin'), { campaignId: fx.schouwA.id, title: 'Portiek schoonmaken', owner: 'Jan Jansen', ownerOrganisationId: fx.organisationId, findingIds: [finding.id], requestId: 't' });
  return { id: item.id, findingId: finding.id };
}

/** A new clean-up action (opruimactie) in neighbourhood A with one day. */
async function cleanupOfA(fx: AccessFixture): Promise<{ id: string; dayId: string }> {
  const db = fx.t.app.connection.db;
  const campaign = await createCampaign(db, fx.asViewer('admin'), { neighbourhoodId: fx.neighbourhoodA, kind: 'OPRUIMEN', name: 'Opruimactie', days: [{ date: nextDate() }], requestId: 't' });
  return { id: campaign.id, dayId: (await daysOfCampaigns(db, [campaign.id]))[0]!.id };
}

/** A phone that just joined tegelwip action A: its follow-up key, token and a device id that never synced. */
async function newPhone(fx: AccessFixture): Promise<{ key: string; token: string; deviceId: string }> {
  const join = 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { token followUpKey } }';
  const { body } = await fx.query('anonymous', join, { input: { code: fx.inviteCodeA, displayName: 'Verhuizer', contactConsent: false, showNameInRankings: false } });
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return { key: body.data.joinCampaign.followUpKey, token: body.data.joinCampaign.token, deviceId: uuidv7() };
}

/** A transfer code made by a new phone's startDeviceTransfer. */
async function transferCode(fx: AccessFixture): Promise<string> {
  const phone = await newPhone(fx);
  const start = 'mutation($input: StartDeviceTransferInput!) { startDeviceTransfer(input: $input) { code } }';
  const { body } = await fx.query('anonymous', start, { input: { followUpKey: phone.key, memberships: [{ token: phone.token, deviceId: phone.deviceId, lastSeq: 0 }] } });
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data.startDeviceTransfer.code;
}

/**
 * Links the participant behind these credentials to the key with this secret (null: to no
 * key); credentials of other roles are left alone.
 */
async function linkCallerToKey(fx: AccessFixture, headers: Record<string, string>, key: string | null): Promise<void> {
  const token = headers.authorization?.replace(/^Bearer /, '');
  if (!token) return;
  const db = fx.t.app.connection.db;
  const keyId = key === null ? null : (await db.selectFrom('follow_up_key').select('id').where('key_hash', '=', hashSecret(key)).executeTakeFirstOrThrow()).id;
  await db.updateTable('participant').set({ follow_up_key_id: keyId }).where('token_hash', '=', hashSecret(token)).execute();
}

/** A questionnaire on campaignA that takes answers today (a day of today added), made once per fixture. */
const questionnaires = new WeakMap<AccessFixture, Promise<Questionnaire>>();
function questionnaireOnA(fx: AccessFixture): Promise<Questionnaire> {
  let made = questionnaires.get(fx);
  if (!made) {
    made = (async () => {
      const db = fx.t.app.connection.db;
      await addCampaignDay(db, fx.asViewer('admin'), { campaignId: fx.campaignA.id, date: todayInNetherlands(new Date()) });
      const questionnaire = await publishQuestionnaire(db, fx.asViewer('admin'), { name: 'Evaluatie', asksToLink: false, questions: [{ prompt: 'Hoe was het?', type: 'SCALE' }] });
      await setCampaignQuestionnaire(db, fx.asViewer('admin'), { campaignId: fx.campaignA.id, questionnaireId: questionnaire.id, requestId: 't' });
      return questionnaire;
    })();
    questionnaires.set(fx, made);
  }
  return made;
}

/** Opens campaignA's sign-up (once is enough; opening again changes nothing). */
const signupOpenOnA = (fx: AccessFixture) => setSignupOpen(fx.t.app.connection.db, fx.asViewer('admin'), { campaignId: fx.campaignA.id, open: true, requestId: 't' });

/** A new sign-up for campaignA's action day, made through the service: its personal link's secret and id. */
async function newSignup(fx: AccessFixture, dayId = fx.dayA): Promise<{ token: string; id: string }> {
  await signupOpenOnA(fx);
  const input = { campaignId: fx.campaignA.id, dayIds: [dayId], displayName: 'Aanmelder', contact: 'aanmelder@test.example', contactConsent: true, streetId: fx.streetA, houseNumber: String(nextNumber()) };
  const receipt = await signUp(fx.t.app.connection.db, fx.auth, input, `192.0.2.${nextNumber() % 250}`);
  return { token: receipt.token, id: receipt.signup.id };
}

/** Someone on the waiting list of a new action day of campaignA with one place. */
async function waitingSignup(fx: AccessFixture): Promise<{ signupId: string; dayId: string }> {
  const db = fx.t.app.connection.db;
  const dayId = (await addCampaignDay(db, fx.asViewer('admin'), { campaignId: fx.campaignA.id, date: nextDate() })).id;
  await setDayCapacity(db, fx.asViewer('admin'), { dayId, capacity: 1, requestId: 't' });
  await newSignup(fx, dayId);
  return { signupId: (await newSignup(fx, dayId)).id, dayId };
}

const SIGNUP_FIELDS = 'id displayName contact days { status waitingPosition day { date full } } street { name } tools { quantity }';

const operations: Operation[] = [
  { name: 'viewer', field: 'viewer', query: '{ viewer { kind } }', allowed: everyone },
  { name: 'serverInfo', field: 'serverInfo', query: '{ serverInfo { serverTime } }', allowed: everyone },
  { name: 'neighbourhoods', field: 'neighbourhoods', query: '{ neighbourhoods { edges { node { name } } } }', allowed: everyone },
  { name: 'neighbourhood', field: 'neighbourhood', query: '{ neighbourhood(slug: "staatsliedenbuurt") { name } }', allowed: everyone },
  { name: 'organisations', field: 'organisations', query: '{ organisations { edges { node { name } } } }', allowed: staff },
  { name: 'staffAccounts', field: 'staffAccounts', query: '{ staffAccounts { edges { node { email role } } } }', allowed: ['admin'] },
  { name: 'staffInvites', field: 'staffInvites', query: '{ staffInvites { edges { node { email } } } }', allowed: ['admin'] },
  { name: 'auditEvents', field: 'auditEvents', query: '{ auditEvents { edges { node { action } } } }', allowed: ['admin'] },
  {
    name: 'campaign',
    field: 'campaign',
    query: 'query($id: ID!) { campaign(id: $id) { name status neighbourhood { name } } }',
    variables: (fx) => ({ id: fx.campaignA.id }),
    allowed: ['admin', 'coordinator', 'partner', 'participant'],
    refusedAsNull: true,
  },
  {
    name: 'campaign.units and days.streets',
    field: 'campaign',
    query: 'query($id: ID!) { campaign(id: $id) { units { code target areaCm2PerPiece measured } days { date streets { name } } } }',
    variables: (fx) => ({ id: fx.campaignA.id }),
    allowed: ['admin', 'coordinator', 'partner', 'participant'],
    refusedAsNull: true,
  },
  { name: 'campaigns', field: 'campaigns', query: '{ campaigns { edges { node { name } } } }', allowed: [...staff, ...participants] },
  {
    name: 'campaign.invites',
    field: 'campaign',
    query: 'query($id: ID!) { campaign(id: $id) { invites { edges { node { code link } } } } }',
    variables: (fx) => ({ id: fx.campaignA.id }),
    allowed: managersOfA,
    refusedAsNull: true,
  },
  {
    name: 'campaign.participants (with contact)',
    field: 'campaign',
    query: 'query($id: ID!) { campaign(id: $id) { participants { edges { node { displayName contact } } } } }',
    variables: (fx) => ({ id: fx.campaignA.id }),
    allowed: managersOfA,
    refusedAsNull: true,
  },
  {
    name: 'participantInvite',
    field: 'participantInvite',
    query: 'query($id: ID!) { participantInvite(id: $id) { code link } }',
    variables: async (fx) => ({ id: (await createParticipantInvite(fx.t.app.connection.db, fx.asViewer('admin'), { campaignId: fx.campaignA.id, requestId: 't' })).id }),
    allowed: managersOfA,
    refusedAsNull: true,
  },
  {
    name: 'campaign.findings (filtered, with totalCount)',
    field: 'campaign',
    query: 'query($id: ID!) { campaign(id: $id) { findings(first: 5, filter: { theme: HEEL, notRouted: false }) { totalCount edges { node { text } } } } }',
    variables: (fx) => ({ id: fx.schouwA.id }),
    allowed: fieldOfSchouwA,
    refusedAsNull: true,
  },
  {
    name: 'campaign.findingCounts',
    field: 'campaign',
    query: 'query($id: ID!) { campaign(id: $id) { findingCounts(filter: { unrated: true }) { total byThemeAndRating { theme rating count } } } }',
    variables: (fx) => ({ id: fx.schouwA.id }),
    allowed: managersOfA,
    refusedAsNull: true,
  },
  {
    name: 'campaign.findingPositions',
    field: 'campaign',
    query: 'query($id: ID!) { campaign(id: $id) { findingPositions { total placed positions { id number lat lon } } } }',
    variables: (fx) => ({ id: fx.schouwA.id }),
    allowed: managersOfA,
    refusedAsNull: true,
  },
  { name: 'invitePreview', field: 'invitePreview', query: 'query($code: String!) { invitePreview(code: $code) { campaignName } }', variables: (fx) => ({ code: fx.inviteCodeA }), allowed: everyone },
  { name: 'myData', field: 'myData', query: '{ myData { participant { displayName contact } campaign { name } } }', allowed: participants },
  {
    name: 'dayTeams',
    field: 'dayTeams',
    query: 'query($dayId: ID!) { dayTeams(dayId: $dayId) { teamSize repeatedPairs teams { number members { displayName walkerKind } spots { name } } unassigned { displayName } unassignedSpots { name } } }',
    variables: async (fx) => ({ dayId: (await composedDay(fx)).dayId }),
    allowed: managersOfA,
    refusedAsNull: true,
  },
  {
    name: 'myTeam',
    field: 'myTeam',
    query: '{ myTeam { number mates spots { spot { name } walked } walkedCount spotCount } }',
    consumesCaller: true,
    prepareCaller: (fx, headers) => putCallerInTeam(fx, headers),
    // Participants of the tegelwip actions have no team: null, as for a walker not (yet) in one.
    allowed: ['schouwer'],
    refusedAsNull: true,
  },
  {
    name: 'composeTeams',
    field: 'composeTeams',
    query: 'mutation($dayId: ID!) { composeTeams(dayId: $dayId, teamSize: 2) { teams { number } } }',
    variables: async (fx) => {
      const dayId = await newSchouwDay(fx);
      for (const name of ['Anna', 'Bram']) await confirmedSignup(fx, dayId, name);
      return { dayId };
    },
    allowed: managersOfA,
  },
  {
    name: 'moveTeamMember',
    field: 'moveTeamMember',
    query: 'mutation($dayId: ID!, $signupId: ID!, $to: ID!) { moveTeamMember(dayId: $dayId, signupId: $signupId, toTeamId: $to) { teams { number } } }',
    variables: async (fx) => {
      const { dayId, teams } = await composedDay(fx);
      return { dayId, signupId: teams[0]!.members[0]!.signupId, to: teams[1]!.id };
    },
    allowed: managersOfA,
  },
  {
    name: 'moveTeamSpot',
    field: 'moveTeamSpot',
    query: 'mutation($dayId: ID!, $spotId: ID!, $to: ID!) { moveTeamSpot(dayId: $dayId, spotId: $spotId, toTeamId: $to, position: 0) { teams { number } } }',
    variables: async (fx) => {
      const { dayId, teams } = await composedDay(fx);
      return { dayId, spotId: fx.spotA.id, to: teams.find((t) => !t.spots.some((s) => s.id === fx.spotA.id))!.id };
    },
    allowed: managersOfA,
  },
  {
    name: 'setTeamsLocked',
    field: 'setTeamsLocked',
    query: 'mutation($dayId: ID!) { setTeamsLocked(dayId: $dayId, locked: true) { lockedAt } }',
    variables: async (fx) => ({ dayId: (await composedDay(fx)).dayId }),
    allowed: managersOfA,
  },
  {
    name: 'updateMyConsent',
    field: 'updateMyConsent',
    query: 'mutation($input: UpdateMyConsentInput!) { updateMyConsent(input: $input) { contact showNameInRankings } }',
    variables: () => ({ input: { contact: `0612${String(nextNumber()).padStart(6, '0')}`, contactConsent: true, showNameInRankings: true } }),
    allowed: participants,
    consumesCaller: true,
  },
  { name: 'createOrganisation', field: 'createOrganisation', query: 'mutation($name: String!) { createOrganisation(name: $name) { id } }', variables: () => ({ name: `Organisatie ${uuidv7()}` }), allowed: ['admin'] },
  {
    name: 'inviteStaff',
    field: 'inviteStaff',
    query: 'mutation($input: InviteStaffInput!) { inviteStaff(input: $input) { link } }',
    variables: (fx) => ({ input: { email: `nieuw-${uuidv7()}@test.example`, role: 'COORDINATOR', neighbourhoodIds: [fx.neighbourhoodA] } }),
    allowed: ['admin'],
  },
  {
    name: 'disableStaffAccount',
    field: 'disableStaffAccount',
    query: 'mutation($id: ID!) { disableStaffAccount(accountId: $id) { disabledAt } }',
    variables: async (fx) => ({ id: (await fx.makeStaff('PARTNER')).id }),
    allowed: ['admin'],
  },
  {
    name: 'createCampaign',
    field: 'createCampaign',
    query: 'mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id status } }',
    variables: (fx) => ({ input: { neighbourhoodId: fx.neighbourhoodA, kind: 'SCHOUW', name: 'Schouw 2027' } }),
    allowed: managersOfA,
  },
  {
    name: 'copyCampaignForNextYear',
    field: 'copyCampaignForNextYear',
    query: 'mutation($input: CopyCampaignForNextYearInput!) { copyCampaignForNextYear(input: $input) { id status } }',
    // A campaign is copied once: each call gets a campaign of its own.
    variables: async (fx) => {
      const source = await createCampaign(fx.t.app.connection.db, fx.asViewer('admin'), { neighbourhoodId: fx.neighbourhoodA, kind: 'TEGELWIPPEN', name: 'Tegelwippen 2027', days: [{ date: nextDate() }], requestId: 't' });
      return { input: { campaignId: source.id } };
    },
    allowed: managersOfA,
  },
  {
    name: 'setCampaignPrizes',
    field: 'setCampaignPrizes',
    query: 'mutation($input: SetCampaignPrizesInput!) { setCampaignPrizes(input: $input) { prizes { category winners { name } } } }',
    // A campaign without prizes each call: a refused call that chose anyway would show.
    variables: async (fx) => {
      const campaign = await createCampaign(fx.t.app.connection.db, fx.asViewer('admin'), { neighbourhoodId: fx.neighbourhoodA, kind: 'TEGELWIPPEN', name: 'Tegelwippen met prijzen', requestId: 't' });
      return { input: { campaignId: campaign.id, categories: ['MOST_AREA_BY_PARTICIPANT'] } };
    },
    allowed: managersOfA,
  },
  {
    name: 'setCampaignUnits',
    field: 'setCampaignUnits',
    query: 'mutation($id: ID!, $units: [CampaignUnitInput!]!) { setCampaignUnits(campaignId: $id, units: $units) { units { code target } } }',
    // A clean-up of its own each call, and a target not used before: a refused call that changed anything would show.
    variables: async (fx) => ({ id: (await cleanupOfA(fx)).id, units: [{ code: 'GROFVUIL', target: nextNumber() }, { code: 'TUIN_GEHOLPEN' }] }),
    allowed: managersOfA,
  },
  {
    name: 'setCampaignDayStreets',
    field: 'setCampaignDayStreets',
    query: 'mutation($dayId: ID!, $streetIds: [ID!]!) { setCampaignDayStreets(dayId: $dayId, streetIds: $streetIds) { streets { name } } }',
    variables: async (fx) => ({ dayId: (await cleanupOfA(fx)).dayId, streetIds: [fx.streetA] }),
    allowed: managersOfA,
  },
  {
    name: 'hvcPickupList',
    field: 'hvcPickupList',
    query: 'query($campaignId: ID!, $dayId: ID!) { hvcPickupList(campaignId: $campaignId, dayId: $dayId) { day { date } rows { streetName houseNumber items { unit quantity } } } }',
    variables: async (fx) => {
      const cleanup = await cleanupOfA(fx);
      return { campaignId: cleanup.id, dayId: cleanup.dayId };
    },
    allowed: managersOfA,
  },
  {
    name: 'changeCampaignStatus',
    field: 'changeCampaignStatus',
    query: 'mutation($input: ChangeCampaignStatusInput!) { changeCampaignStatus(input: $input) { status } }',
    variables: async (fx) => {
      const draft = await createCampaign(fx.t.app.connection.db, fx.asViewer('admin'), { neighbourhoodId: fx.neighbourhoodA, kind: 'SCHOUW', name: 'Concept', requestId: 't' });
      return { input: { campaignId: draft.id, status: 'OPEN' } };
    },
    allowed: managersOfA,
  },
  {
    name: 'createParticipantInvite',
    field: 'createParticipantInvite',
    query: 'mutation($input: CreateParticipantInviteInput!) { createParticipantInvite(input: $input) { code } }',
    variables: (fx) => ({ input: { campaignId: fx.campaignA.id, maxUses: 5 } }),
    allowed: managersOfA,
  },
  {
    name: 'revokeParticipantInvite',
    field: 'revokeParticipantInvite',
    query: 'mutation($id: ID!) { revokeParticipantInvite(inviteId: $id) { revokedAt } }',
    variables: async (fx) => ({ id: (await createParticipantInvite(fx.t.app.connection.db, fx.asViewer('admin'), { campaignId: fx.campaignA.id, requestId: 't' })).id }),
    allowed: managersOfA,
  },
  {
    name: 'revokeParticipant',
    field: 'revokeParticipant',
    query: 'mutation($id: ID!) { revokeParticipant(participantId: $id) { revokedAt } }',
    variables: async (fx) => ({ id: (await fx.makeParticipant(fx.campaignA)).id }),
    allowed: managersOfA,
  },
  {
    name: 'joinCampaign',
    field: 'joinCampaign',
    query: 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { token followUpKey participant { pseudonym } campaign { name } } }',
    variables: (fx) => ({ input: { code: fx.inviteCodeA, displayName: 'Nieuwe buur', contactConsent: false, showNameInRankings: true } }),
    allowed: everyone,
  },
  { name: 'checklistTemplates', field: 'checklistTemplates', query: '{ checklistTemplates { edges { node { name latestVersion { version } } } } }', allowed: staff },
  {
    name: 'finding',
    field: 'finding',
    query: 'query($id: ID!) { finding(id: $id) { text status observationId spot { name } street { name } photoIds statusHistory { publicMessage } } }',
    variables: (fx) => ({ id: fx.findingA.id }),
    allowed: ['admin', 'coordinator', 'partner', 'schouwer'],
    refusedAsNull: true,
  },
  {
    name: 'observation (every field)',
    field: 'observation',
    query: `query($id: ID!) { observation(id: $id) { ${OBSERVATION_FIELDS} } }`,
    variables: async (fx) => ({ id: await observationOfSchouwer(fx) }),
    allowed: fieldOfSchouwA,
    refusedAsNull: true,
  },
  {
    name: 'campaign.observations',
    field: 'campaign',
    query: 'query($id: ID!) { campaign(id: $id) { observations(first: 5, currentOnly: true) { edges { node { id rating recordedByMe } } } } }',
    variables: (fx) => ({ id: fx.schouwA.id }),
    allowed: fieldOfSchouwA,
    refusedAsNull: true,
  },
  { name: 'routedFindings', field: 'routedFindings', query: '{ routedFindings(filter: { status: NIEUW }) { totalCount edges { node { text } } } }', allowed: ['partner'] },
  {
    name: 'programmeResults',
    field: 'programmeResults',
    query: 'query($id: ID!) { programmeResults(neighbourhoodId: $id) { years { year activities { kind participants households } tegelwippen { areaM2 } findings { count } themeScores { theme level } } } }',
    variables: (fx) => ({ id: fx.neighbourhoodA }),
    allowed: managersOfA,
  },
  {
    name: 'campaignPrizes',
    field: 'campaignPrizes',
    query: 'query($id: ID!) { campaignPrizes(campaignId: $id) { available prizes { category winners { place name figure } } } }',
    variables: (fx) => ({ id: fx.campaignA.id }),
    allowed: managersOfA,
  },
  {
    name: 'tallyDashboard',
    field: 'tallyDashboard',
    query: 'query($id: ID!) { tallyDashboard(campaignId: $id) { total { areaM2 nkTiles } streets { streetName } topParticipants { name } } }',
    variables: (fx) => ({ id: fx.campaignA.id }),
    allowed: fieldOfTegelwipA,
  },
  {
    name: 'tallyDashboard (the standings on the counter screen)',
    field: 'tallyDashboard',
    query: 'query($id: ID!) { tallyDashboard(campaignId: $id, top: 10) { streets { place streetId streetName householdCount areaM2PerHousehold total { areaCm2 } } topParticipants { rank name isPseudonym participantId total { areaCm2 } } } }',
    variables: (fx) => ({ id: fx.campaignA.id }),
    allowed: fieldOfTegelwipA,
  },
  { name: 'publicProgress', field: 'publicProgress', query: 'query($id: ID!) { publicProgress(campaignId: $id) { total { areaM2 } progressPercent } }', variables: (fx) => ({ id: fx.campaignA.id }), allowed: everyone },
  {
    name: 'updateCampaign',
    field: 'updateCampaign',
    query: 'mutation($input: UpdateCampaignInput!) { updateCampaign(input: $input) { targetAreaM2 } }',
    variables: (fx) => ({ input: { campaignId: fx.campaignA.id, targetAreaM2: 500 + nextNumber() } }),
    allowed: managersOfA,
  },
  {
    name: 'addCampaignDay',
    field: 'addCampaignDay',
    query: 'mutation($input: AddCampaignDayInput!) { addCampaignDay(input: $input) { date } }',
    variables: (fx) => ({ input: { campaignId: fx.campaignA.id, date: nextDate() } }),
    allowed: managersOfA,
  },
  {
    name: 'removeCampaignDay',
    field: 'removeCampaignDay',
    query: 'mutation($id: ID!) { removeCampaignDay(dayId: $id) { id } }',
    variables: async (fx) => {
      const day = await addCampaignDay(fx.t.app.connection.db, fx.asViewer('admin'), { campaignId: fx.campaignA.id, date: nextDate() });
      return { id: day.id };
    },
    allowed: managersOfA,
  },
  {
    name: 'recordTallyEvent',
    field: 'recordTallyEvent',
    query: 'mutation($input: RecordTallyEventInput!) { recordTallyEvent(input: $input) { areaCm2 } }',
    variables: (fx) => ({ input: { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: fx.dayA, streetId: fx.streetA, sizeCode: 'TEGEL_30X30', count: 3 } }),
    allowed: fieldOfTegelwipA,
  },
  {
    name: 'correctTallyEvent',
    field: 'correctTallyEvent',
    query: 'mutation($input: CorrectTallyEventInput!) { correctTallyEvent(input: $input) { areaCm2 } }',
    variables: async (fx) => {
      const participant = { kind: 'participant' as const, participantId: fx.ids.participant, campaignId: fx.campaignA.id };
      const event = await fx.t.app.connection.db.transaction().execute((trx) =>
        recordTallyEvent(trx, participant, { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: fx.dayA, streetId: fx.streetA, unitCode: 'TEGEL_30X30', count: 3 }),
      );
      return { input: { id: uuidv7(), correctsEventId: event.id, count: 1 } };
    },
    allowed: fieldOfTegelwipA,
  },
  {
    name: 'createSpot',
    field: 'createSpot',
    query: 'mutation($input: CreateSpotInput!) { createSpot(input: $input) { id } }',
    variables: (fx) => ({ input: { neighbourhoodId: fx.neighbourhoodA, streetId: fx.streetA, type: 'BOOM', name: 'Nieuwe boom' } }),
    allowed: managersOfA,
  },
  {
    name: 'updateSpot',
    field: 'updateSpot',
    query: 'mutation($input: UpdateSpotInput!) { updateSpot(input: $input) { description } }',
    variables: (fx) => ({ input: { spotId: fx.spotA.id, description: `Met klimrek ${nextNumber()}` } }),
    allowed: managersOfA,
  },
  {
    name: 'addStreet',
    field: 'addStreet',
    query: 'mutation($input: AddStreetInput!) { addStreet(input: $input) { id } }',
    variables: (fx) => ({ input: { neighbourhoodId: fx.neighbourhoodA, name: `Straat ${uuidv7()}` } }),
    allowed: managersOfA,
  },
  {
    name: 'renameStreet',
    field: 'renameStreet',
    query: 'mutation($id: ID!, $name: String!) { renameStreet(streetId: $id, name: $name) { name } }',
    variables: (fx) => ({ id: fx.streetA, name: `Straat ${uuidv7()}` }),
    allowed: managersOfA,
  },
  {
    name: 'setStreetHouseholds',
    field: 'setStreetHouseholds',
    query: 'mutation($id: ID!, $count: Int!) { setStreetHouseholds(streetId: $id, householdCount: $count) { householdCount } }',
    variables: (fx) => ({ id: fx.streetA, count: 40 + nextNumber() }),
    allowed: managersOfA,
  },
  { name: 'questionnaireTemplates', field: 'questionnaireTemplates', query: '{ questionnaireTemplates { edges { node { name latestVersion { version questions { prompt } } } } } }', allowed: staff },
  {
    name: 'publicQuestionnaire',
    field: 'publicQuestionnaire',
    query: 'query($id: ID!) { publicQuestionnaire(campaignId: $id) { campaignName open opensOn questionnaire { name questions { prompt type } } } }',
    variables: async (fx) => {
      await questionnaireOnA(fx);
      return { id: fx.campaignA.id };
    },
    allowed: everyone,
  },
  {
    name: 'publishQuestionnaire',
    field: 'publishQuestionnaire',
    query: 'mutation($input: PublishQuestionnaireInput!) { publishQuestionnaire(input: $input) { version } }',
    variables: () => ({ input: { name: `Vragenlijst ${nextNumber()}`, questions: [{ prompt: 'Hoe was het?', type: 'SCALE' }] } }),
    allowed: ['admin', 'coordinator', 'otherCoordinator'],
  },
  {
    name: 'setCampaignQuestionnaire',
    field: 'setCampaignQuestionnaire',
    query: 'mutation($input: SetCampaignQuestionnaireInput!) { setCampaignQuestionnaire(input: $input) { id } }',
    variables: async (fx) => {
      const questionnaire = await questionnaireOnA(fx);
      const draft = await createCampaign(fx.t.app.connection.db, fx.asViewer('admin'), { neighbourhoodId: fx.neighbourhoodA, kind: 'TEGELWIPPEN', name: 'Met vragenlijst', requestId: 't' });
      return { input: { campaignId: draft.id, questionnaireId: questionnaire.id } };
    },
    allowed: managersOfA,
  },
  {
    name: 'answerQuestionnaire',
    field: 'answerQuestionnaire',
    query: 'mutation($input: AnswerQuestionnaireInput!) { answerQuestionnaire(input: $input) { id } }',
    // By the public link anyone answers (staff type in paper forms); a participant of another campaign finds nothing.
    variables: async (fx) => {
      const questionnaire = await questionnaireOnA(fx);
      return { input: { id: uuidv7(), campaignId: fx.campaignA.id, questionnaireId: questionnaire.id, answers: [{ questionId: questionnaire.questions[0]!.id, number: 4 }] } };
    },
    allowed: ['anonymous', ...staff, 'participant'],
  },
  {
    name: 'publishChecklist',
    field: 'publishChecklist',
    query: 'mutation($input: PublishChecklistInput!) { publishChecklist(input: $input) { version } }',
    variables: () => ({ input: DEMO_CHECKLIST }),
    allowed: ['admin', 'coordinator', 'otherCoordinator'],
  },
  {
    name: 'recordFinding',
    field: 'recordFinding',
    query: 'mutation($input: RecordFindingInput!) { recordFinding(input: $input) { status } }',
    variables: (fx) => ({ input: { id: uuidv7(), campaignId: fx.schouwA.id, category: 'SCHOON', streetId: fx.streetA, text: 'Zwerfvuil', deviceTime: new Date().toISOString() } }),
    allowed: fieldOfSchouwA,
  },
  {
    name: 'recordObservation',
    field: 'recordObservation',
    query: 'mutation($input: RecordObservationInput!) { recordObservation(input: $input) { rating theme current } }',
    variables: (fx) => ({ input: { ...observationInput(fx), id: uuidv7() } }),
    allowed: fieldOfSchouwA,
  },
  {
    name: 'promoteObservation',
    field: 'promoteObservation',
    query: 'mutation($input: PromoteObservationInput!) { promoteObservation(input: $input) { status observationId } }',
    variables: async (fx) => ({ input: { observationId: await newObservationOfSchouwer(fx), findingId: uuidv7(), text: 'Speeltoestel vervangen' } }),
    allowed: managersOfA,
  },
  {
    name: 'changeFindingStatus',
    field: 'changeFindingStatus',
    query: 'mutation($input: ChangeFindingStatusInput!) { changeFindingStatus(input: $input) { status } }',
    variables: async (fx) => ({ input: { findingId: (await fx.makeFinding()).id, status: 'IN_BEHANDELING', publicMessage: 'We kijken ernaar en laten het je weten.' } }),
    allowed: ['admin', 'coordinator', 'partner'],
  },
  {
    name: 'routeFinding',
    field: 'routeFinding',
    query: 'mutation($id: ID!, $org: ID) { routeFinding(findingId: $id, organisationId: $org) { status } }',
    variables: async (fx) => ({ id: (await fx.makeFinding()).id, org: fx.organisationId }),
    allowed: managersOfA,
  },
  {
    name: 'createActionItem',
    field: 'createActionItem',
    query: 'mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id findingIds } }',
    variables: (fx) => ({ input: { campaignId: fx.schouwA.id, title: 'Tegel vastleggen', owner: 'Gemeente B&O', findingIds: [fx.findingA.id] } }),
    allowed: managersOfA,
  },
  {
    name: 'changeActionItemStatus',
    field: 'changeActionItemStatus',
    query: 'mutation($id: ID!) { changeActionItemStatus(actionItemId: $id, status: BEZIG) { status } }',
    variables: async (fx) => ({ id: (await createActionItem(fx.t.app.connection.db, fx.asViewer('admin'), { campaignId: fx.schouwA.id, title: 'Punt', owner: 'Team', findingIds: [], requestId: 't' })).id }),
    allowed: managersOfA,
  },
  {
    name: 'updateActionItem (status and message: partners of its organisation too)',
    field: 'updateActionItem',
    query: 'mutation($input: UpdateActionItemInput!) { updateActionItem(input: $input) { status publicMessage updatedAt } }',
    variables: async (fx) => ({ input: { actionItemId: (await partnersActionItem(fx)).id, status: 'BEZIG', publicMessage: `Bericht voor de bewoners ${nextNumber()}` } }),
    allowed: ['admin', 'coordinator', 'partner'],
  },
  {
    name: 'updateActionItem (title and findings: coordinators only)',
    field: 'updateActionItem',
    query: 'mutation($input: UpdateActionItemInput!) { updateActionItem(input: $input) { title findingIds } }',
    variables: async (fx) => ({ input: { actionItemId: (await partnersActionItem(fx)).id, title: `Punt ${nextNumber()}`, addFindingIds: [(await fx.makeFinding()).id] } }),
    allowed: managersOfA,
  },
  {
    name: 'deleteActionItem',
    field: 'deleteActionItem',
    query: 'mutation($id: ID!) { deleteActionItem(actionItemId: $id) }',
    variables: async (fx) => ({ id: (await partnersActionItem(fx)).id }),
    allowed: managersOfA,
  },
  {
    name: 'partnerActionItems',
    field: 'partnerActionItems',
    query: '{ partnerActionItems(first: 5) { edges { node { title status publicMessage ownerOrganisation { name } findingIds campaign { name } } } } }',
    allowed: ['partner'],
  },
  {
    name: 'campaign.actionPlan (every field)',
    field: 'campaign',
    query: 'query($id: ID!) { campaign(id: $id) { actionPlan { id title owner ownerOrganisation { name } dueDate status publicMessage createdAt updatedAt findingIds campaign { name } } } }',
    variables: async (fx) => {
      await partnersActionItem(fx);
      return { id: fx.schouwA.id };
    },
    allowed: managersOfA,
    refusedAsNull: true,
  },
  {
    name: 'finding.actionItems and publicPhotoIds',
    field: 'finding',
    query: 'query($id: ID!) { finding(id: $id) { actionItems { id title status publicMessage } publicPhotoIds } }',
    variables: async (fx) => ({ id: (await partnersActionItem(fx)).findingId }),
    allowed: ['admin', 'coordinator', 'partner', 'schouwer'],
    refusedAsNull: true,
  },
  {
    name: 'publicSchouwResults',
    field: 'publicSchouwResults',
    query: 'query($id: ID!) { publicSchouwResults(campaignId: $id) { campaignName overall { level } streets { streetName } findings { total handled } actionItems { title organisationName } photos { id } } }',
    variables: async (fx) => {
      await updateCampaignSettings(fx.t.app.connection.db, fx.asViewer('admin'), { campaignId: fx.schouwA.id, publicResults: true });
      return { id: fx.schouwA.id };
    },
    allowed: everyone,
  },
  {
    name: 'setFindingPhotoPublic',
    field: 'setFindingPhotoPublic',
    query: 'mutation($finding: ID!, $photo: ID!) { setFindingPhotoPublic(findingId: $finding, photoId: $photo, public: true) { publicPhotoIds } }',
    variables: async (fx) => {
      const photo = uuidv7();
      const bytes = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 10, g: 120, b: 40 } } }).jpeg().toBuffer();
      const upload = await fetch(`${fx.t.url}/media/${photo}`, { method: 'PUT', headers: { ...fx.headers.admin, 'content-type': 'image/jpeg', sha256: createHash('sha256').update(bytes).digest('hex') }, body: new Uint8Array(bytes) });
      if (upload.status !== 201) throw new Error(`upload: ${upload.status}`);
      const finding = await fx.t.app.connection.db.transaction().execute((trx) =>
        recordFinding(trx, fx.asViewer('admin'), { id: uuidv7(), campaignId: fx.schouwA.id, category: 'HEEL', spotId: fx.spotA.id, photoIds: [photo], deviceTime: new Date().toISOString() }),
      );
      return { finding: finding.id, photo };
    },
    allowed: managersOfA,
  },
  {
    name: 'sync',
    field: 'sync',
    query: 'mutation($input: SyncInput!) { sync(input: $input) { lastSeq pull { cursor } } }',
    variables: (fx) => ({ input: { deviceId: uuidv7(), campaignId: fx.campaignA.id, mutations: [] } }),
    allowed: ['admin', 'coordinator', ...participants],
  },
  {
    name: 'resolveFindingConflict',
    field: 'resolveFindingConflict',
    query: 'mutation($id: ID!) { resolveFindingConflict(conflictId: $id, useDeviceValue: false) { id } }',
    variables: async (fx) => {
      const finding = await fx.makeFinding();
      const admin = fx.asViewer('admin');
      const db = fx.t.app.connection.db;
      await db.transaction().execute((trx) => editFinding(trx, admin, { findingId: finding.id, baseVersion: 2, changes: { text: 'Eerste' } }));
      const { conflicts } = await db.transaction().execute((trx) => editFinding(trx, admin, { findingId: finding.id, baseVersion: 2, changes: { text: 'Tweede' } }));
      return { id: conflicts[0]!.id };
    },
    allowed: managersOfA,
  },
  { name: 'deleteMyData', field: 'deleteMyData', query: 'mutation { deleteMyData }', allowed: participants, consumesCaller: true },
  {
    name: 'followUp',
    field: 'followUp',
    query: 'query($key: String!) { followUp(key: $key) { edges { node { id campaignName status statusHistory { publicMessage } actionItems { title } } } } }',
    variables: async (fx) => ({ key: (await newPhone(fx)).key }),
    allowed: everyone,
  },
  {
    // A membership from before keys existed: it gets a new key.
    name: 'claimFollowUpKey (no key yet)',
    field: 'claimFollowUpKey',
    query: 'mutation { claimFollowUpKey }',
    allowed: participants,
    consumesCaller: true,
    prepareCaller: (fx, headers) => linkCallerToKey(fx, headers, null),
  },
  {
    // A phone holding two keys moves the caller's membership from its key to the other.
    name: 'claimFollowUpKey (merge with currentKey)',
    field: 'claimFollowUpKey',
    query: 'mutation($k: String, $current: String) { claimFollowUpKey(followUpKey: $k, currentKey: $current) }',
    variables: async (fx) => ({ current: (await newPhone(fx)).key, k: (await newPhone(fx)).key }),
    allowed: participants,
    consumesCaller: true,
    prepareCaller: (fx, headers, variables) => linkCallerToKey(fx, headers, variables.current as string),
  },
  { name: 'unlinkFollowUpKey', field: 'unlinkFollowUpKey', query: 'mutation { unlinkFollowUpKey }', allowed: participants, consumesCaller: true },
  {
    name: 'startDeviceTransfer',
    field: 'startDeviceTransfer',
    query: 'mutation($input: StartDeviceTransferInput!) { startDeviceTransfer(input: $input) { code link expiresAt } }',
    variables: async (fx) => {
      const phone = await newPhone(fx);
      return { input: { followUpKey: phone.key, memberships: [{ token: phone.token, deviceId: phone.deviceId, lastSeq: 0 }] } };
    },
    allowed: everyone,
  },
  {
    name: 'completeDeviceTransfer',
    field: 'completeDeviceTransfer',
    query: 'mutation($code: String!) { completeDeviceTransfer(code: $code) { followUpKey memberships { token participant { pseudonym } campaign { name } } } }',
    variables: async (fx) => ({ code: await transferCode(fx) }),
    allowed: everyone,
  },
  {
    name: 'signupForm',
    field: 'signupForm',
    query: 'query($id: ID!) { signupForm(campaignId: $id) { campaignName days { date full } streets { name } tools { name } } }',
    variables: async (fx) => {
      await signupOpenOnA(fx);
      return { id: fx.campaignA.id };
    },
    allowed: everyone,
  },
  {
    name: 'mySignup',
    field: 'mySignup',
    query: `query($token: String!) { mySignup(token: $token) { ${SIGNUP_FIELDS} } }`,
    variables: async (fx) => ({ token: (await newSignup(fx)).token }),
    allowed: everyone,
  },
  {
    name: 'signUp',
    field: 'signUp',
    query: `mutation($input: SignUpInput!) { signUp(input: $input) { token signup { ${SIGNUP_FIELDS} } } }`,
    variables: async (fx) => {
      await signupOpenOnA(fx);
      return { input: { campaignId: fx.campaignA.id, dayIds: [fx.dayA], displayName: 'Nieuw', contactConsent: false, streetId: fx.streetA, houseNumber: String(nextNumber()) } };
    },
    allowed: everyone,
  },
  {
    name: 'updateMySignup',
    field: 'updateMySignup',
    query: `mutation($token: String!, $input: UpdateMySignupInput!) { updateMySignup(token: $token, input: $input) { ${SIGNUP_FIELDS} } }`,
    variables: async (fx) => ({
      token: (await newSignup(fx)).token,
      input: { dayIds: [fx.dayA], displayName: `Gewijzigd ${nextNumber()}`, contactConsent: false, streetId: fx.streetA, houseNumber: '1' },
    }),
    allowed: everyone,
  },
  {
    name: 'cancelMySignup',
    field: 'cancelMySignup',
    query: 'mutation($token: String!) { cancelMySignup(token: $token) { cancelledAt days { status } } }',
    variables: async (fx) => ({ token: (await newSignup(fx)).token }),
    allowed: everyone,
  },
  {
    name: 'joinWithSignup',
    field: 'joinWithSignup',
    query: 'mutation($input: JoinWithSignupInput!) { joinWithSignup(input: $input) { token participant { displayName } campaign { name } } }',
    variables: async (fx) => ({ input: { token: (await newSignup(fx)).token, showNameInRankings: false } }),
    allowed: everyone,
  },
  {
    name: 'dayPlanning',
    field: 'dayPlanning',
    query:
      'query($dayId: ID!) { dayPlanning(dayId: $dayId) { capacity confirmedCount waitingCount day { date capacity } confirmed { ...planned } waiting { ...planned } tools { tool { name stock } requested short } helpRequests pickupRequests streets { street { name } signups lat lon } } } fragment planned on PlannedSignup { id displayName contact walkerKind organisation needs street { name } houseNumber estimateM2 estimateTiles tools { tool { name } quantity } wantsHelp wantsPickup status waitingPosition signedUpAt joined }',
    variables: async (fx) => ({ dayId: (await waitingSignup(fx)).dayId }),
    allowed: managersOfA,
    refusedAsNull: true,
  },
  {
    name: 'pickupList',
    field: 'pickupList',
    query: 'query($dayId: ID!) { pickupList(dayId: $dayId) { street { name } houseNumber estimatedM2 countedM2 wantsPickup } }',
    variables: async (fx) => {
      await newSignup(fx);
      return { dayId: fx.dayA };
    },
    allowed: managersOfA,
  },
  {
    name: 'campaign.signupOpen and tools, day capacity',
    field: 'campaign',
    query: 'query($id: ID!) { campaign(id: $id) { signupOpen tools { id name stock } days { date capacity } } }',
    variables: (fx) => ({ id: fx.campaignA.id }),
    allowed: managersOfA,
    refusedAsNull: true,
  },
  {
    name: 'campaign.signupOpen',
    field: 'campaign',
    query: 'query($id: ID!) { campaign(id: $id) { signupOpen days { capacity } } }',
    variables: (fx) => ({ id: fx.campaignA.id }),
    allowed: ['admin', 'coordinator', 'partner'],
    refusedAsNull: true,
  },
  {
    name: 'setSignupOpen',
    field: 'setSignupOpen',
    query: 'mutation($id: ID!) { setSignupOpen(campaignId: $id, open: true) { signupOpen } }',
    variables: async (fx) => ({ id: (await createCampaign(fx.t.app.connection.db, fx.asViewer('admin'), { neighbourhoodId: fx.neighbourhoodA, kind: 'TEGELWIPPEN', name: 'Aanmelden', requestId: 't' })).id }),
    allowed: managersOfA,
  },
  {
    name: 'setCampaignDayCapacity',
    field: 'setCampaignDayCapacity',
    query: 'mutation($dayId: ID!, $capacity: Int) { setCampaignDayCapacity(dayId: $dayId, capacity: $capacity) { capacity } }',
    variables: (fx) => ({ dayId: fx.dayA, capacity: (nextNumber() % 400) + 100 }),
    allowed: managersOfA,
  },
  {
    name: 'saveCampaignTools',
    field: 'saveCampaignTools',
    query: 'mutation($id: ID!, $tools: [CampaignToolInput!]!) { saveCampaignTools(campaignId: $id, tools: $tools) { id name stock } }',
    variables: async (fx) => {
      const tools = await fx.t.app.connection.db.selectFrom('campaign_tool').select(['id', 'name', 'stock']).where('campaign_id', '=', fx.campaignA.id).orderBy('position').execute();
      return { id: fx.campaignA.id, tools: [...tools, { name: `schep ${nextNumber()}`, stock: 2 }] };
    },
    allowed: managersOfA,
  },
  {
    name: 'removeSignup',
    field: 'removeSignup',
    query: 'mutation($signupId: ID!) { removeSignup(signupId: $signupId) }',
    variables: async (fx) => ({ signupId: (await newSignup(fx)).id }),
    allowed: managersOfA,
  },
  {
    name: 'promoteSignup',
    field: 'promoteSignup',
    query: 'mutation($signupId: ID!, $dayId: ID!) { promoteSignup(signupId: $signupId, dayId: $dayId) { confirmedCount waitingCount } }',
    variables: (fx) => waitingSignup(fx),
    allowed: managersOfA,
  },
  {
    name: 'changePassword',
    field: 'changePassword',
    query: 'mutation($input: ChangePasswordInput!) { changePassword(input: $input) }',
    variables: () => ({ input: { currentPassword: PASSWORD, newPassword: 'een ander lang wachtwoord' } }),
    allowed: staff,
    consumesCaller: true,
  },
  { name: 'logout', field: 'logout', query: 'mutation { logout }', allowed: everyone, consumesCaller: true },
  {
    name: 'login',
    field: 'login',
    query: 'mutation($input: LoginInput!) { login(input: $input) { email } }',
    variables: async (fx) => ({ input: { email: (await fx.makeStaff('PARTNER')).email, password: PASSWORD } }),
    allowed: everyone,
  },
  {
    name: 'acceptStaffInvite',
    field: 'acceptStaffInvite',
    query: 'mutation($input: AcceptStaffInviteInput!) { acceptStaffInvite(input: $input) { role } }',
    variables: async (fx) => {
      const token = `uitnodiging-${uuidv7()}`;
      await fx.t.app.connection.db
        .insertInto('staff_invite')
        .values({ id: uuidv7(), token_hash: hashSecret(token), email: `uitgenodigd-${uuidv7()}@test.example`, role: 'PARTNER', organisation_id: fx.organisationId, neighbourhood_ids: '[]', created_by: fx.ids.admin, created_at: new Date().toISOString(), expires_at: new Date(Date.now() + 86_400_000).toISOString(), used_at: null })
        .execute();
      return { input: { token, displayName: 'Nieuwe partner', password: 'een lang genoeg wachtwoord' } };
    },
    allowed: everyone,
  },
];

/**
 * Columns a refused call may change, because resolving the caller does: a staff session's
 * last_seen_at moves once a minute while it is used (session.service.ts).
 */
const movedByResolvingTheCaller: Record<string, string[]> = { staff_session: ['last_seen_at'] };

/** Every table's content (tests/support/table-hashes.ts), less what resolving the caller moves. */
const hashesOf = (fx: AccessFixture) => tableHashes(fx.t.app.connection.db, movedByResolvingTheCaller);

describe('authorization matrix', () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture();
  });
  afterAll(() => fx.t.close());

  it('covers every query and mutation of the schema', async () => {
    const { body } = await fx.query('admin', '{ __schema { queryType { fields { name } } mutationType { fields { name } } } }');
    const covered = new Set(operations.map((op) => op.field));
    const all = [...body.data.__schema.queryType.fields, ...body.data.__schema.mutationType.fields].map((f: { name: string }) => f.name);
    expect(all.filter((name: string) => !covered.has(name))).toEqual([]);
  });

  it('asks for every field of Observation in the observation operation', async () => {
    const { body } = await fx.query('admin', '{ __type(name: "Observation") { fields { name } } }');
    const asked = new Set(OBSERVATION_FIELDS.replace(/\{[^}]*\}/g, ' ').split(/\s+/).filter(Boolean));
    expect(body.data.__type.fields.map((f: { name: string }) => f.name).filter((name: string) => !asked.has(name))).toEqual([]);
  });

  it('compares every table by content: an update that keeps the row count shows', async () => {
    const before = await hashesOf(fx);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['campaign', 'change_log', 'kysely_migration', 'media', 'staff_session', 'sync_mutation', 'tally_rollup']));
    const db = fx.t.app.connection.db;
    const { id, name } = await db.selectFrom('campaign').select(['id', 'name']).orderBy('id').limit(1).executeTakeFirstOrThrow();
    await db.updateTable('campaign').set({ name: `${name} (gewijzigd)` }).where('id', '=', id).execute();
    try {
      const after = await hashesOf(fx);
      expect(Object.keys(after).filter((table) => after[table] !== before[table])).toEqual(['campaign']);
    } finally {
      await db.updateTable('campaign').set({ name }).where('id', '=', id).execute();
    }
    expect(await hashesOf(fx)).toEqual(before);
  });

  for (const op of operations) {
    for (const role of roles) {
      const allowed = op.allowed.includes(role);
      it(`${op.name} as ${role}: ${allowed ? 'allowed' : 'refused'}`, async () => {
        const headers = op.consumesCaller ? await fx.freshHeaders(role) : fx.headers[role];
        const variables = op.variables ? await op.variables(fx) : undefined;
        await op.prepareCaller?.(fx, headers, variables ?? {});
        const before = allowed ? undefined : await hashesOf(fx);
        const { body } = await fx.query(headers, op.query, variables);
        if (allowed) {
          expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
          expect(body.data[op.field]).not.toBeNull();
          return;
        }
        if (body.errors) {
          const expected = role === 'anonymous' ? 'UNAUTHENTICATED' : 'NOT_FOUND';
          expect(body.errors[0].extensions.code, JSON.stringify(body)).toBe(expected);
        } else {
          // Only a nullable lookup may refuse by answering null ("no such thing for you").
          expect(op.refusedAsNull && role !== 'anonymous', JSON.stringify(body)).toBe(true);
          expect(body.data[op.field]).toBeNull();
        }
        expect(await hashesOf(fx)).toEqual(before);
      });
    }
  }
});
