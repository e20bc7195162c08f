/** The queries behind the exports: one flat row per finding, answer (observation) or ledger event. */
import type { DbOrTrx } from '../../db/database.js';
import { keysetPage } from '../../db/keyset.js';

export async function findingRows(db: DbOrTrx, campaignId: string) {
  return db
    .selectFrom('finding')
    .leftJoin('street', 'street.id', 'finding.street_id')
    .leftJoin('spot', 'spot.id', 'finding.spot_id')
    .leftJoin('organisation', 'organisation.id', 'finding.routed_organisation_id')
    .leftJoin('checklist_item', 'checklist_item.id', 'finding.checklist_item_id')
    .select([
      'finding.id',
      'finding.status',
      'finding.category',
      'finding.rating',
      'finding.answer',
      'finding.text',
      'finding.suggestion',
      'finding.lat',
      'finding.lon',
      'finding.accuracy_m',
      'finding.server_time',
      'finding.device_time',
      'street.name as street_name',
      'spot.name as spot_name',
      'spot.type as spot_type',
      'organisation.name as routed_to',
      'checklist_item.prompt as question',
      'checklist_item.type as question_type',
      (eb) => eb.selectFrom('finding_photo').select((e) => e.fn.countAll<number>().as('n')).whereRef('finding_photo.finding_id', '=', 'finding.id').as('photo_count'),
      (eb) =>
        eb
          .selectFrom('finding_status_event')
          .select('public_message')
          .whereRef('finding_status_event.finding_id', '=', 'finding.id')
          .orderBy('at', 'desc')
          .limit(1)
          .as('last_public_message'),
    ])
    .where('finding.campaign_id', '=', campaignId)
    .orderBy('finding.server_time')
    .orderBy('finding.id')
    .execute();
}

/**
 * One page of a campaign's answers in recording order (server time, then id), after the
 * given row's key; with the answer's spot, street and question, the walker's pseudonym
 * (never their name) and the first finding made from the answer, if any.
 */
export async function observationRows(db: DbOrTrx, campaignId: string, after: readonly [serverTime: string, id: string] | null, limit: number) {
  return db
    .selectFrom('observation')
    .innerJoin('spot', 'spot.id', 'observation.spot_id')
    .innerJoin('checklist_item', 'checklist_item.id', 'observation.checklist_item_id')
    .leftJoin('street', 'street.id', 'observation.street_id')
    .leftJoin('participant', 'participant.id', 'observation.participant_id')
    .select([
      'observation.id',
      'observation.theme',
      'observation.rating',
      'observation.answer',
      'observation.note',
      'observation.superseded_by',
      'observation.server_time',
      'observation.device_time',
      'street.name as street_name',
      'spot.name as spot_name',
      'spot.type as spot_type',
      'checklist_item.prompt as question',
      'checklist_item.type as question_type',
      'participant.pseudonym',
      (eb) =>
        eb
          .selectFrom('finding')
          .select('finding.id')
          .whereRef('finding.observation_id', '=', 'observation.id')
          .orderBy('finding.server_time')
          .orderBy('finding.id')
          .limit(1)
          .as('finding_id'),
    ])
    .where('observation.campaign_id', '=', campaignId)
    .$call(keysetPage(['observation.server_time', 'observation.id'], { after: after ?? undefined, limit, inverted: false }))
    .execute();
}

export async function ledgerRows(db: DbOrTrx, campaignId: string) {
  return db
    .selectFrom('tally_event')
    .innerJoin('campaign_day', 'campaign_day.id', 'tally_event.action_day_id')
    .innerJoin('street', 'street.id', 'tally_event.street_id')
    .leftJoin('participant', 'participant.id', 'tally_event.participant_id')
    .select([
      'tally_event.id',
      'tally_event.server_time',
      'tally_event.client_time',
      'campaign_day.date as day',
      'street.name as street_name',
      'tally_event.house_number',
      'participant.pseudonym',
      'tally_event.unit_code',
      'tally_event.origin',
      'tally_event.count',
      'tally_event.area_cm2',
      'tally_event.corrects_event_id',
      'tally_event.device_id',
    ])
    .where('tally_event.campaign_id', '=', campaignId)
    .orderBy('tally_event.server_time')
    .orderBy('tally_event.id')
    .execute();
}
