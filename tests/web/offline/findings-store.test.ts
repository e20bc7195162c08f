/**
 * The walker's schouw work on the device (fake-indexeddb): answers are observations,
 * also the ones an older app version stored as local 'finding' records with an itemId
 * (read-time upcast; their unsent answerChecklistItem entries stay as they are), and
 * Mijn bevindingen lists findings only, with what the server said about them.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { myFindings, myObservations } from '$lib/offline/findings-store';
import { openDatabase, type Db } from '$lib/offline/idb';
import { CURRENT_FORMAT } from '@buurtkracht/protocol/command-formats';
import { recordLocally, upcast } from '$lib/offline/outbox';

let counter = 0;
const dbs: Db[] = [];
async function freshDb(): Promise<Db> {
  const db = await openDatabase(`findings-store-test-${++counter}`);
  dbs.push(db);
  return db;
}
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

const C = 'campaign-1';

/** What the app before observations stored for an answer: a 'finding' record with the item, and an answerChecklistItem entry. */
async function oldAnswer(db: Db, id: string, at: string, data: Record<string, unknown>, unsent: boolean) {
  if (unsent) {
    await recordLocally(db, { name: 'answerChecklistItem', args: { id, campaignId: C, spotId: data.spotId, checklistItemId: data.itemId, rating: data.rating ?? null, answer: data.answer ?? null }, record: { id, type: 'finding', campaignId: C, data } }, new Date(at));
  } else {
    await db.put('records', { id, type: 'finding', campaignId: C, data, createdAt: at });
  }
}

async function serverFinding(db: Db, id: string, data: unknown) {
  await db.put('server', { key: `FINDING:${id}`, entityType: 'FINDING', entityId: id, data, seq: 1 });
}

describe('answers made by the previous app version', () => {
  it('are read as observations, sent or unsent, and are no findings', async () => {
    const db = await freshDb();
    await oldAnswer(db, 'old-sent', '2026-05-01T10:00:00.000Z', { spotId: 's1', itemId: 'i-rating', prompt: 'Hoe schoon is het?', category: 'SCHOON', rating: 'C', answer: null }, false);
    await oldAnswer(db, 'old-unsent', '2026-05-01T10:01:00.000Z', { spotId: 's1', itemId: 'i-water', prompt: 'Blijft hier water staan?', category: 'KLIMAATADAPTATIE', rating: null, answer: 'JA' }, true);
    // A free finding of the old form: it stays a finding.
    await db.put('records', { id: 'free', type: 'finding', campaignId: C, data: { spotId: null, category: 'HEEL', rating: null, text: 'Losse tegel', suggestion: '', photoIds: [] }, createdAt: '2026-05-01T09:00:00.000Z' });
    // The server still holds a snapshot of the sent answer from before the split: status NIEUW, no message.
    await serverFinding(db, 'old-sent', { status: 'NIEUW', statusHistory: [] });

    const observations = await myObservations(db, C);
    expect(observations.map((o) => [o.id, o.spotId, o.itemId, o.theme, o.rating, o.answer, o.delivery])).toEqual([
      ['old-unsent', 's1', 'i-water', 'KLIMAATADAPTATIE', null, 'JA', 'unsent'],
      ['old-sent', 's1', 'i-rating', 'SCHOON', 'C', null, 'sent'],
    ]);
    expect((await myFindings(db, C)).map((f) => f.id)).toEqual(['free']);

    // The unsent old entry is sent as it is: the server upcasts answerChecklistItem itself.
    const [entry] = await db.getAll('outbox');
    expect(entry).toMatchObject({ name: 'answerChecklistItem', formatVersion: 1 });
    expect(upcast(entry!)).toEqual(entry);
    // Nothing in the database was rewritten.
    expect((await db.get('records', 'old-sent'))?.type).toBe('finding');
  });

  it('is listed as a finding too when the server followed it up (status, public message or action plan item)', async () => {
    const db = await freshDb();
    const answer = (id: string, at: string) => oldAnswer(db, id, at, { spotId: 's1', itemId: 'i1', prompt: 'Hoe schoon is het?', category: 'SCHOON', rating: 'D', answer: null }, false);
    await answer('moved-on', '2026-05-01T10:00:00.000Z');
    await answer('with-message', '2026-05-01T10:01:00.000Z');
    await answer('in-plan', '2026-05-01T10:02:00.000Z');
    await answer('untouched', '2026-05-01T10:03:00.000Z');
    await serverFinding(db, 'moved-on', { status: 'INGEPLAND', statusHistory: [] });
    await serverFinding(db, 'with-message', { status: 'NIEUW', statusHistory: [{ toStatus: 'NIEUW', publicMessage: 'We kijken ernaar.', at: '2026-05-02T08:00:00.000Z' }] });
    await serverFinding(db, 'in-plan', { status: 'NIEUW', statusHistory: [], actionItems: [{ id: 'a1', title: 'Extra prullenbak', status: 'BEZIG', publicMessage: null }] });
    await serverFinding(db, 'untouched', { status: 'NIEUW', statusHistory: [] });

    const findings = await myFindings(db, C);
    expect(findings.map((f) => f.id)).toEqual(['in-plan', 'with-message', 'moved-on']);
    // Each follows up its own answer, which also still counts as an observation at the spot.
    expect(findings.every((f) => f.followsUp?.id === f.id && f.followsUp.rating === 'D')).toBe(true);
    expect((await myObservations(db, C)).map((o) => o.id)).toEqual(['untouched', 'in-plan', 'with-message', 'moved-on']);
  });
});

describe('what the server says about a finding wins over the rule of thumb', () => {
  const answerData = { spotId: 's1', itemId: 'i1', prompt: 'Hoe schoon is het?', category: 'SCHOON', rating: 'D', answer: null };

  it('lists an old answer as a finding when a snapshot from after the split (with observationId) holds it, also NIEUW (kept for routing, photo, kans or edit)', async () => {
    const db = await freshDb();
    await oldAnswer(db, 'routed', '2026-05-01T10:00:00.000Z', answerData, false);
    await oldAnswer(db, 'deleted', '2026-05-01T10:01:00.000Z', answerData, false);
    await oldAnswer(db, 'never-pulled', '2026-05-01T10:02:00.000Z', answerData, true);
    // Kept by the server because it was routed (a snapshot never shows routing): NIEUW, no message.
    await serverFinding(db, 'routed', { campaignId: C, status: 'NIEUW', statusHistory: [], actionItems: [], photoIds: [], observationId: 'routed', recordedByMe: true });
    // The pull answered DELETE for 'deleted': its snapshot is gone (see sync-answers.ts).
    await serverFinding(db, 'deleted', { status: 'NIEUW', statusHistory: [] });
    await db.delete('server', 'FINDING:deleted');

    const findings = await myFindings(db, C);
    expect(findings.map((f) => [f.id, f.status, f.followsUp?.id])).toEqual([['routed', 'NIEUW', 'routed']]);
    expect((await myObservations(db, C)).map((o) => o.id)).toEqual(['never-pulled', 'deleted', 'routed']);
  });

  it('reads a snapshot from before the split as the server did: a photo, a kans or an edit kept it a finding', async () => {
    const db = await freshDb();
    for (const [i, id] of ['photo', 'kans', 'edited', 'plain'].entries()) await oldAnswer(db, id, `2026-05-01T10:0${i}:00.000Z`, answerData, false);
    await serverFinding(db, 'photo', { status: 'NIEUW', statusHistory: [], photoIds: ['p1'] });
    await serverFinding(db, 'kans', { status: 'NIEUW', statusHistory: [], suggestion: 'Een bloembak' });
    await serverFinding(db, 'edited', { status: 'NIEUW', statusHistory: [], version: 2 });
    await serverFinding(db, 'plain', { status: 'NIEUW', statusHistory: [], version: 1, suggestion: null, photoIds: [] });
    expect((await myFindings(db, C)).map((f) => f.id)).toEqual(['edited', 'kans', 'photo']);
  });
});

describe('findings a coordinator made of my answers', () => {
  it('lists a pulled finding recorded by me that has no local record, built from the snapshot and linked to my answer', async () => {
    const db = await freshDb();
    await db.put('records', { id: 'obs', type: 'observation', campaignId: C, data: { spotId: 's1', itemId: 'i1', prompt: 'Hoe ziet het groen eruit?', theme: 'GROEN', rating: 'D', answer: null }, createdAt: '2026-05-01T10:00:00.000Z' });
    await db.put('records', { id: 'mine', type: 'finding', campaignId: C, data: { category: 'HEEL', text: 'Losse tegel' }, createdAt: '2026-05-01T11:00:00.000Z' });
    await serverFinding(db, 'promoted', {
      id: 'promoted',
      campaignId: C,
      spotId: 's1',
      streetId: 'st1',
      checklistItemId: 'i1',
      category: 'GROEN',
      rating: 'D',
      answer: null,
      text: 'Plantsoen maaien',
      suggestion: null,
      deviceTime: '2026-05-02T09:00:00.000Z',
      serverTime: '2026-05-02T09:00:01.000Z',
      status: 'INGEPLAND',
      version: 2,
      observationId: 'obs',
      photoIds: ['p9'],
      recordedByMe: true,
      statusHistory: [{ toStatus: 'INGEPLAND', publicMessage: 'De gemeente maait volgende week.', at: '2026-05-03T08:00:00.000Z' }],
      actionItems: [{ id: 'a1', title: 'Groen bijhouden', status: 'GEPLAND', publicMessage: null }],
    });
    // Someone else's finding, and one of mine in another campaign: not listed here.
    await serverFinding(db, 'theirs', { campaignId: C, category: 'SCHOON', text: 'Zwerfvuil', status: 'NIEUW', statusHistory: [], observationId: null, recordedByMe: false, deviceTime: '2026-05-02T10:00:00.000Z' });
    await serverFinding(db, 'elsewhere', { campaignId: 'other', category: 'SCHOON', text: 'Elders', status: 'NIEUW', statusHistory: [], observationId: null, recordedByMe: true, deviceTime: '2026-05-02T10:00:00.000Z' });

    const findings = await myFindings(db, C);
    expect(findings.map((f) => f.id)).toEqual(['promoted', 'mine']);
    expect(findings[0]).toMatchObject({
      createdAt: '2026-05-02T09:00:00.000Z',
      delivery: 'sent',
      status: 'INGEPLAND',
      streetId: 'st1',
      data: { spotId: 's1', category: 'GROEN', text: 'Plantsoen maaien', photoIds: ['p9'], observationId: 'obs' },
      statusHistory: [{ toStatus: 'INGEPLAND', publicMessage: 'De gemeente maait volgende week.' }],
      actionItems: [{ id: 'a1', title: 'Groen bijhouden', status: 'GEPLAND' }],
      followsUp: { id: 'obs', prompt: 'Hoe ziet het groen eruit?', rating: 'D' },
    });
    // The answer stays an answer at its spot.
    expect((await myObservations(db, C)).map((o) => o.id)).toEqual(['obs']);
    expect(await myFindings(db, 'other')).toMatchObject([{ id: 'elsewhere', followsUp: null }]);
  });
});

describe('answers and findings of this app version', () => {
  it('writes the answer as an observation before the finding that follows it up (recordFinding format 2)', async () => {
    const db = await freshDb();
    await recordLocally(db, {
      name: 'recordObservation',
      args: { id: 'obs', campaignId: C, spotId: 's1', checklistItemId: 'i1', rating: 'C', answer: null },
      record: { id: 'obs', type: 'observation', campaignId: C, data: { spotId: 's1', itemId: 'i1', prompt: 'Hoe schoon is het?', theme: 'SCHOON', rating: 'C', answer: null } },
    }, new Date('2026-05-01T10:00:00.000Z'));
    await recordLocally(db, {
      name: 'recordFinding',
      args: { id: 'fnd', campaignId: C, category: 'SCHOON', spotId: 's1', rating: 'C', text: 'Veel zwerfvuil', observationId: 'obs' },
      record: { id: 'fnd', type: 'finding', campaignId: C, data: { spotId: 's1', category: 'SCHOON', rating: 'C', text: 'Veel zwerfvuil', observationId: 'obs' } },
    }, new Date('2026-05-01T10:01:00.000Z'));

    const entries = (await db.getAll('outbox')).sort((a, b) => a.seq - b.seq);
    expect(entries.map((e) => [e.seq, e.name, e.formatVersion])).toEqual([
      [1, 'recordObservation', 1],
      [2, 'recordFinding', 2],
    ]);
    expect(CURRENT_FORMAT.recordFinding).toBe(2);

    expect((await myObservations(db, C)).map((o) => [o.id, o.theme, o.rating, o.delivery])).toEqual([['obs', 'SCHOON', 'C', 'unsent']]);
    const findings = await myFindings(db, C);
    expect(findings.map((f) => [f.id, f.followsUp?.id, f.delivery])).toEqual([['fnd', 'obs', 'unsent']]);
  });

  it('upcasts a finding entry stored as format 1 to format 2 without an answer', () => {
    const old = { seq: 1, mutationId: 'm', name: 'recordFinding', args: { id: 'f', category: 'HEEL' }, clientTime: '', formatVersion: 1, state: 'PENDING' as const, photoIds: [], createdAt: '', membership: '' };
    expect(upcast(old)).toMatchObject({ formatVersion: 2, args: { id: 'f', category: 'HEEL' } });
  });

  it('reads the pulled snapshot defensively: status, messages and action plan items when the server sends them', async () => {
    const db = await freshDb();
    for (const id of ['plain', 'odd', 'full']) await db.put('records', { id, type: 'finding', campaignId: C, data: { category: 'HEEL', text: id }, createdAt: '2026-05-01T10:00:00.000Z' });
    await serverFinding(db, 'odd', { status: 7, statusHistory: 'x', actionItems: [{ id: 'a' }, null, 'x'] });
    await serverFinding(db, 'full', {
      status: 'INGEPLAND',
      streetId: 'st1',
      statusHistory: [{ toStatus: 'INGEPLAND', publicMessage: 'Volgende week.', at: '2026-05-03T08:00:00.000Z' }],
      actionItems: [{ id: 'a1', title: 'Tegels vastleggen', status: 'BEZIG', publicMessage: 'De gemeente is bezig.' }],
    });
    const byId = new Map((await myFindings(db, C)).map((f) => [f.id, f]));
    expect(byId.get('plain')).toMatchObject({ status: null, statusHistory: [], actionItems: [], streetId: null, delivery: 'sent' });
    expect(byId.get('odd')).toMatchObject({ status: null, statusHistory: [], actionItems: [] });
    expect(byId.get('full')).toMatchObject({
      status: 'INGEPLAND',
      streetId: 'st1',
      statusHistory: [{ toStatus: 'INGEPLAND', publicMessage: 'Volgende week.' }],
      actionItems: [{ id: 'a1', title: 'Tegels vastleggen', status: 'BEZIG', publicMessage: 'De gemeente is bezig.' }],
    });
  });

  it('keeps campaigns apart', async () => {
    const db = await freshDb();
    await db.put('records', { id: 'elsewhere', type: 'observation', campaignId: 'other', data: { spotId: 's1', itemId: 'i1', rating: 'A' }, createdAt: '2026-05-01T10:00:00.000Z' });
    await db.put('records', { id: 'tally', type: 'tally', campaignId: C, data: { count: 1 }, createdAt: '2026-05-01T10:00:00.000Z' });
    expect(await myObservations(db, C)).toEqual([]);
    expect(await myFindings(db, C)).toEqual([]);
  });
});
