/**
 * Last year's schouw for the demo: walked by four demo residents, closed, with scores,
 * findings in every stage of the follow-up and an action plan. It gives the scores view,
 * the report and the public results something real to show on a first start, and this
 * year's walk a "last year" to compare with. Deterministic: the same answers every time.
 */
import { LEVELS, type Rating } from '@buurtkracht/protocol/rating-scale';
import { v7 as uuidv7 } from 'uuid';
import { hashSecret, inviteCode, pseudonymFor, randomToken } from '../auth/tokens.js';
import type { Viewer } from '../auth/viewer.js';
import type { DbOrTrx } from '../db/database.js';
import { changeCampaignStatus, createCampaign } from '../modules/campaign/campaign.service.js';
import type { ChecklistVersion } from '../modules/checklist/checklist.service.js';
import * as actionPlanRepo from '../modules/finding/action-plan.repo.js';
import * as findingRepo from '../modules/finding/finding.repo.js';
import { recordFinding } from '../modules/finding/finding.service.js';
import type { FindingStatus } from '../modules/finding/finding.table.js';
import { recordObservation } from '../modules/observation/observation.service.js';
import { insertInvite, insertParticipant } from '../modules/participant/participant.repo.js';
import type { Spot } from '../modules/spot/spot.service.js';

const WALKERS = ['Anja (demo)', 'Mohamed (demo)', 'Els (demo)', 'Kees (demo)'];

/** A small seeded random generator (mulberry32), so the demo is the same on every machine. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the walkers wrote for findings made from a C or D, by theme. */
const FINDING_TEXTS: Record<string, string> = {
  GROEN_ONDERHOUD: 'Het gras is lang niet gemaaid en het onkruid staat hoog.',
  BIODIVERSITEIT: 'De nestkast hangt scheef en het dak is kapot.',
  KLIMAATADAPTATIE: 'Na regen staat hier een grote plas op het pad.',
  SCHOON: 'Veel zwerfvuil en volle afvalbakken.',
  HEEL: 'Losse tegels en een kapotte bank.',
  VEILIG: 'Een lantaarnpaal doet het niet; het is hier donker.',
  ONTMOETEN_SPELEN: 'De schommel is kapot en het zand is vies.',
};

/** The follow-up the team gave last year's findings, in order: status and message for residents. */
const FOLLOW_UP: { status: FindingStatus; message: string }[][] = [
  [{ status: 'IN_BEHANDELING', message: 'De gemeente kijkt ernaar.' }, { status: 'AFGEHANDELD', message: 'Gerepareerd door de gemeente in juni.' }],
  [{ status: 'INGEPLAND', message: 'Staat op de planning voor het najaar.' }],
  [{ status: 'IN_BEHANDELING', message: 'Doorgestuurd naar de gemeente.' }],
  [{ status: 'AFGEHANDELD', message: 'Opgeruimd tijdens de opruimactie.' }],
  [{ status: 'NIET_OPPAKBAAR', message: 'Dit is privégrond; we hebben de eigenaar een brief gestuurd.' }],
  [],
];

export async function seedLastYearsSchouw(
  trx: DbOrTrx,
  coordinator: Viewer & { kind: 'staff' },
  at: { neighbourhoodId: string; checklist: ChecklistVersion; spots: Spot[]; walkDate: string; year: string },
): Promise<void> {
  const walkedAt = new Date(`${at.walkDate}T10:00:00Z`);
  const campaign = await createCampaign(
    trx,
    coordinator,
    { neighbourhoodId: at.neighbourhoodId, kind: 'SCHOUW', name: `Buurtschouw ${at.year} (demo)`, days: [{ date: at.walkDate, label: 'Schouwwandeling' }], checklistVersionId: at.checklist.id, requestId: 'demo-seed' },
    new Date(walkedAt.getTime() - 30 * 86_400_000),
  );
  await changeCampaignStatus(trx, coordinator, { campaignId: campaign.id, status: 'OPEN', requestId: 'demo-seed' }, new Date(walkedAt.getTime() - 86_400_000));
  const inviteId = uuidv7();
  await insertInvite(trx, {
    id: inviteId,
    campaign_id: campaign.id,
    code: inviteCode(),
    label: 'Poster schouw (demodata)',
    created_by: coordinator.accountId,
    created_at: walkedAt.toISOString(),
    expires_at: null,
    max_uses: null,
    use_count: WALKERS.length,
    revoked_at: walkedAt.toISOString(),
  });
  const walkers: Viewer[] = [];
  for (const name of WALKERS) {
    const participantId = uuidv7();
    await insertParticipant(trx, {
      id: participantId,
      campaign_id: campaign.id,
      invite_id: inviteId,
      token_hash: hashSecret(randomToken(32)),
      display_name: name,
      contact: null,
      contact_consent_at: null,
      pseudonym: pseudonymFor(participantId),
      show_name_in_rankings: 0,
      joined_at: walkedAt.toISOString(),
      revoked_at: null,
      erased_at: null,
    });
    walkers.push({ kind: 'participant', participantId, campaignId: campaign.id });
  }

  const next = random(2025);
  const items = at.checklist.sections.flatMap((s) => s.items.map((item) => ({ item, theme: s.theme })));
  const findingsToMake: { walker: Viewer; observationId: string; theme: string; rating: Rating; spot: Spot; time: Date }[] = [];
  let minute = 0;
  for (const spot of at.spots) {
    // Each spot has a quality of its own; walkers mostly agree, sometimes one level apart.
    const base = 1 + Math.floor(next() * 3.6);
    for (const walker of walkers.slice(0, 3 + Math.floor(next() * 2))) {
      for (const { item, theme } of items) {
        if (item.spotTypes.length > 0 && !item.spotTypes.includes(spot.type)) continue;
        const time = new Date(walkedAt.getTime() + ++minute * 60_000);
        const input = { id: uuidv7(), campaignId: campaign.id, spotId: spot.id, checklistItemId: item.id, deviceTime: time.toISOString(), location: { lat: spot.lat!, lon: spot.lon!, accuracyM: 10 } };
        let rating: Rating | null = null;
        let answer: string | null = null;
        if (item.type === 'RATING') {
          const level = Math.min(4, Math.max(0, base + (next() < 0.25 ? 1 : next() < 0.2 ? -1 : 0)));
          rating = next() < 0.05 ? 'NVT' : LEVELS[level]!;
        } else if (item.type === 'YES_NO') answer = next() < 0.7 ? 'NEE' : 'JA';
        else if (item.type === 'NUMBER') answer = String(Math.floor(next() * 4));
        else if (item.type === 'CHOICE') answer = item.choices[Math.floor(next() * item.choices.length)]!;
        else continue; // Free-text questions are left for the residents who try the demo.
        const observation = await recordObservation(trx, walker, { ...input, rating, answer }, time);
        if ((rating === 'C' || rating === 'D') && findingsToMake.length < FOLLOW_UP.length && !findingsToMake.some((f) => f.spot.id === spot.id && f.theme === theme)) {
          findingsToMake.push({ walker, observationId: observation.id, theme, rating, spot, time });
        }
      }
    }
  }

  const planned: string[] = [];
  for (const [i, made] of findingsToMake.entries()) {
    const finding = await recordFinding(
      trx,
      made.walker,
      { id: uuidv7(), campaignId: campaign.id, category: made.theme as never, rating: made.rating, observationId: made.observationId, text: FINDING_TEXTS[made.theme] ?? null, deviceTime: made.time.toISOString() },
      made.time,
    );
    let status: FindingStatus = 'NIEUW';
    for (const [step, change] of FOLLOW_UP[i]!.entries()) {
      const when = new Date(walkedAt.getTime() + (7 + 21 * step) * 86_400_000).toISOString();
      await findingRepo.setStatus(trx, finding.id, change.status, { id: uuidv7(), finding_id: finding.id, from_status: status, to_status: change.status, public_message: change.message, actor_account_id: coordinator.accountId, at: when });
      status = change.status;
    }
    if (status !== 'AFGEHANDELD' && status !== 'NIET_OPPAKBAAR') planned.push(finding.id);
  }
  if (planned.length > 0) {
    await actionPlanRepo.insertActionItem(
      trx,
      {
        id: uuidv7(),
        campaign_id: campaign.id,
        title: 'Herstel en onderhoud met de gemeente afspreken (demo)',
        owner: 'Buurtkracht-team',
        owner_organisation_id: null,
        due_date: `${Number(at.year)}-10-01`,
        status: 'BEZIG',
        created_at: new Date(walkedAt.getTime() + 14 * 86_400_000).toISOString(),
        public_message: 'We spreken met de gemeente af wanneer dit gebeurt.',
        updated_at: null,
      },
      planned,
    );
  }
  await changeCampaignStatus(trx, coordinator, { campaignId: campaign.id, status: 'CLOSED', requestId: 'demo-seed' }, new Date(walkedAt.getTime() + 60 * 86_400_000));
}
