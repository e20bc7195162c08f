/**
 * The editable action plan over real HTTP and a database file: coordinators change every
 * field and the linked findings; partners change status and public message of their
 * organisation's items and nothing else (other items do not exist for them); residents
 * whose finding is in an item see its title, status and public message through sync pull
 * and Finding.actionItems; every change is in the audit log with its request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { ensureOrganisation } from '../../server/src/modules/account/account.service.js';
import { changeCampaignStatus, createCampaign } from '../../server/src/modules/campaign/campaign.service.js';
import { actionPlan, createActionItem } from '../../server/src/modules/finding/action-plan.service.js';
import { recordFinding, type Finding } from '../../server/src/modules/finding/finding.service.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { SYNC, TestDevice } from '../support/sync-client.js';
import { databaseFile } from '../support/test-app.js';

const UPDATE = `mutation($input: UpdateActionItemInput!) { updateActionItem(input: $input) {
  id title owner ownerOrganisation { id name } dueDate status publicMessage updatedAt findingIds } }`;
const DELETE = 'mutation($id: ID!) { deleteActionItem(actionItemId: $id) }';
const PARTNER_LIST = '{ partnerActionItems(first: 50) { edges { node { id title status publicMessage findingIds campaign { name } } } } }';

describe('action plan', () => {
  const file = databaseFile();
  let fx: AccessFixture;
  let otherOrganisation: string;
  /** In schouwA, routed to the partner's organisation (Woonkracht10). */
  let routed: Finding;
  /** In schouwA, not routed. */
  let plain: Finding;
  /** In another schouw of the same neighbourhood. */
  let foreignFinding: Finding;

  const db = () => fx.t.app.connection.db;
  const newItem = (input: { title?: string; ownerOrganisationId?: string | null; findingIds?: string[] } = {}) =>
    createActionItem(db(), fx.asViewer('coordinator'), {
      campaignId: fx.schouwA.id,
      title: input.title ?? 'Speeltuin opknappen',
      owner: 'Jan Jansen',
      ownerOrganisationId: input.ownerOrganisationId === undefined ? fx.organisationId : input.ownerOrganisationId,
      findingIds: input.findingIds ?? [routed.id],
      requestId: 'fixture',
    });
  const freshFinding = () =>
    db().transaction().execute((trx) =>
      recordFinding(trx, fx.asViewer('admin'), { id: uuidv7(), campaignId: fx.schouwA.id, category: 'HEEL', streetId: fx.streetA, text: 'Stoeptegel los', deviceTime: new Date().toISOString() }),
    );
  const row = (id: string) => db().selectFrom('action_item').selectAll().where('id', '=', id).executeTakeFirst();
  const audits = (id: string) => db().selectFrom('audit_event').select(['action', 'detail', 'actor_account_id', 'request_id']).where('subject_id', '=', id).orderBy('at').orderBy('id').execute();
  const update = (role: Parameters<AccessFixture['query']>[0], input: Record<string, unknown>) => fx.query(role, UPDATE, { input });

  beforeAll(async () => {
    fx = await accessFixture(file.env);
    otherOrganisation = (await ensureOrganisation(db(), 'HVC')).id;
    routed = await fx.makeFinding();
    plain = await db().transaction().execute((trx) =>
      recordFinding(trx, fx.asViewer('admin'), { id: uuidv7(), campaignId: fx.schouwA.id, category: 'SCHOON', streetId: fx.streetA, text: 'Zwerfvuil bij het bankje', deviceTime: new Date().toISOString() }),
    );
    const admin = fx.asViewer('admin');
    const draft = await createCampaign(db(), admin, { neighbourhoodId: fx.neighbourhoodA, kind: 'SCHOUW', name: 'Najaarsschouw', checklistVersionId: fx.checklist.id, days: [{ date: '2027-10-01' }], requestId: 't' });
    const otherSchouw = await changeCampaignStatus(db(), admin, { campaignId: draft.id, status: 'OPEN', requestId: 't' });
    foreignFinding = await db().transaction().execute((trx) =>
      recordFinding(trx, admin, { id: uuidv7(), campaignId: otherSchouw.id, category: 'SCHOON', streetId: fx.streetA, text: 'Afval', deviceTime: new Date().toISOString() }),
    );
  });
  afterAll(async () => {
    await fx.t.close();
    file.remove();
  });

  it('lists the plan by due date, items without one last', async () => {
    const admin = fx.asViewer('admin');
    const draft = await createCampaign(db(), admin, { neighbourhoodId: fx.neighbourhoodA, kind: 'SCHOUW', name: 'Schouw met een plan', checklistVersionId: fx.checklist.id, days: [{ date: '2027-11-01' }], requestId: 't' });
    const schouw = await changeCampaignStatus(db(), admin, { campaignId: draft.id, status: 'OPEN', requestId: 't' });
    for (const [title, dueDate] of [['Zonder datum', null], ['Later', '2028-03-01'], ['Eerst', '2028-01-15']] as const) {
      await createActionItem(db(), admin, { campaignId: schouw.id, title, owner: 'Jan Jansen', ownerOrganisationId: null, dueDate, findingIds: [], requestId: 't' });
    }
    expect((await actionPlan(db(), admin, schouw.id)).map((i) => i.title)).toEqual(['Eerst', 'Later', 'Zonder datum']);
  });

  it('lets a coordinator change every field, sets updatedAt and audits the change once', async () => {
    const item = await newItem();
    expect((await row(item.id))!.updated_at).toBeNull();
    const { body } = await update('coordinator', {
      actionItemId: item.id,
      title: '  Speeltoestellen repareren  ',
      owner: 'Team Buitenruimte',
      ownerOrganisationId: otherOrganisation,
      dueDate: '2027-10-01',
      status: 'BEZIG',
      publicMessage: 'De gemeente repareert de schommel in oktober.',
    });
    expect(body.errors).toBeUndefined();
    expect(body.data.updateActionItem).toMatchObject({
      title: 'Speeltoestellen repareren',
      owner: 'Team Buitenruimte',
      ownerOrganisation: { id: otherOrganisation, name: 'HVC' },
      dueDate: '2027-10-01',
      status: 'BEZIG',
      publicMessage: 'De gemeente repareert de schommel in oktober.',
    });
    expect(Date.parse(body.data.updateActionItem.updatedAt)).toBeGreaterThan(Date.now() - 60_000);
    const log = await audits(item.id);
    expect(log.map((a) => a.action)).toEqual(['action_item.created', 'action_item.updated']);
    expect(JSON.parse(log[1]!.detail!)).toEqual({ fields: 'title,owner,status,owner_organisation_id,due_date,public_message', from: 'OPEN', to: 'BEZIG' });
    expect(log[1]!.actor_account_id).toBe(fx.ids.coordinator);
    expect(log[1]!.request_id).toBeTruthy();

    // Clearing: null takes away the organisation, the due date and the message.
    const cleared = await update('coordinator', { actionItemId: item.id, ownerOrganisationId: null, dueDate: null, publicMessage: '' });
    expect(cleared.body.data.updateActionItem).toMatchObject({ ownerOrganisation: null, dueDate: null, publicMessage: null, title: 'Speeltoestellen repareren' });

    // Changing nothing records nothing.
    const before = await row(item.id);
    expect((await update('coordinator', { actionItemId: item.id, title: 'Speeltoestellen repareren', status: 'BEZIG' })).body.errors).toBeUndefined();
    expect(await row(item.id)).toEqual(before);
    expect((await audits(item.id)).length).toBe(3);

    // A status change alone is audited as such.
    await update('coordinator', { actionItemId: item.id, status: 'KLAAR' });
    expect((await audits(item.id)).at(-1)).toMatchObject({ action: 'action_item.status_changed', detail: JSON.stringify({ from: 'BEZIG', to: 'KLAAR' }) });
  });

  it('adds and removes findings of the same schouw only, and audits the links', async () => {
    const item = await newItem({ findingIds: [routed.id] });
    const added = await update('coordinator', { actionItemId: item.id, addFindingIds: [plain.id] });
    expect(added.body.data.updateActionItem.findingIds.sort()).toEqual([routed.id, plain.id].sort());
    const removed = await update('coordinator', { actionItemId: item.id, removeFindingIds: [routed.id] });
    expect(removed.body.data.updateActionItem.findingIds).toEqual([plain.id]);
    // Both findings still exist: an item only points at them.
    expect(await db().selectFrom('finding').select('id').where('id', 'in', [routed.id, plain.id]).execute()).toHaveLength(2);

    for (const foreign of [uuidv7(), foreignFinding.id]) {
      const { body } = await update('coordinator', { actionItemId: item.id, addFindingIds: [foreign] });
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(body.errors[0].extensions.fields).toEqual([{ path: ['input', 'addFindingIds'], message: 'Een van de bevindingen hoort niet bij deze schouw.' }]);
    }
    const links = (await audits(item.id)).filter((a) => a.action === 'action_item.findings_changed').map((a) => JSON.parse(a.detail!));
    expect(links).toEqual([
      { added: plain.id, removed: '' },
      { added: '', removed: routed.id },
    ]);
  });

  it('refuses invalid values next to their field and changes nothing', async () => {
    const item = await newItem();
    const before = await row(item.id);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ title: 'ab' }, 'title', /minstens 3 tekens/],
      [{ owner: 'x' }, 'owner', /minstens 2 tekens/],
      [{ dueDate: '01-10-2027' }, 'dueDate', /2026-05-16/],
      [{ publicMessage: 'Kort' }, 'publicMessage', /minstens 10 tekens/],
      [{ publicMessage: 'x'.repeat(1001) }, 'publicMessage', /korter dan 1000/],
      [{ ownerOrganisationId: uuidv7() }, 'ownerOrganisationId', /bestaat niet/],
      [{ status: 'WEG' }, 'status', /Kies een van de mogelijkheden/],
    ];
    for (const [change, field, message] of cases) {
      const { body } = await update('coordinator', { actionItemId: item.id, ...change });
      expect(body.errors?.[0]?.extensions.code, JSON.stringify(change)).toBe('BAD_USER_INPUT');
      const problem = body.errors[0].extensions.fields.find((f: { path: string[] }) => f.path.at(-1) === field);
      expect(problem?.message, JSON.stringify(body.errors)).toMatch(message);
    }
    expect(await row(item.id)).toEqual(before);
    expect((await audits(item.id)).map((a) => a.action)).toEqual(['action_item.created']);
  });

  it("lets a partner see and update status and message of their organisation's items only (anything else: not found)", async () => {
    const theirs = await newItem({ title: 'Portiek schoonmaken', findingIds: [routed.id, plain.id] });
    const notTheirs = await newItem({ title: 'Container legen', ownerOrganisationId: otherOrganisation });
    const nobodys = await newItem({ title: 'Bankje verven', ownerOrganisationId: null });

    const list = (await fx.query('partner', PARTNER_LIST)).body.data.partnerActionItems.edges.map((e: any) => e.node);
    expect(list.map((i: any) => i.id)).toContain(theirs.id);
    expect(list.map((i: any) => i.id)).not.toContain(notTheirs.id);
    expect(list.map((i: any) => i.id)).not.toContain(nobodys.id);
    // Only the findings routed to the partner: the others are not theirs to open.
    expect(list.find((i: any) => i.id === theirs.id)).toMatchObject({ findingIds: [routed.id], campaign: { name: fx.schouwA.name } });

    const ok = await update('partner', { actionItemId: theirs.id, status: 'BEZIG', publicMessage: 'Woonkracht10 maakt de portiek deze week schoon.' });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.updateActionItem).toMatchObject({ status: 'BEZIG', publicMessage: 'Woonkracht10 maakt de portiek deze week schoon.', title: 'Portiek schoonmaken' });
    expect((await audits(theirs.id)).at(-1)).toMatchObject({ action: 'action_item.updated', detail: JSON.stringify({ fields: 'status,public_message', from: 'OPEN', to: 'BEZIG' }) });

    const before = await row(theirs.id);
    for (const change of [{ title: 'Iets anders' }, { dueDate: '2027-01-01' }, { ownerOrganisationId: null }, { addFindingIds: [fx.findingA.id] }, { owner: 'Ik' }]) {
      const { body } = await update('partner', { actionItemId: theirs.id, ...change });
      expect(body.errors?.[0]?.extensions.code, JSON.stringify(change)).toBe('NOT_FOUND');
    }
    expect(await row(theirs.id)).toEqual(before);

    // Other items answer exactly like items that do not exist.
    const missing = await update('partner', { actionItemId: uuidv7(), status: 'KLAAR' });
    for (const other of [notTheirs, nobodys]) {
      const snapshot = await row(other.id);
      const { body } = await update('partner', { actionItemId: other.id, status: 'KLAAR' });
      expect(body).toEqual(missing.body);
      expect(await row(other.id)).toEqual(snapshot);
    }
    expect(missing.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await fx.query('partner', DELETE, { id: theirs.id })).body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(await row(theirs.id)).toBeTruthy();
    // A coordinator of another neighbourhood: the same.
    expect((await update('otherCoordinator', { actionItemId: theirs.id, status: 'KLAAR' })).body).toEqual(missing.body);
  });

  it("shows the item's title, status and message to residents through sync pull and Finding.actionItems", async () => {
    const device = new TestDevice();
    const pull = async (cursor: string | null) => {
      const { body } = await fx.query('schouwer', SYNC, device.input([], cursor));
      expect(body.errors).toBeUndefined();
      return body.data.sync.pull as { cursor: string; changes: { entityType: string; entityId: string; op: string; data: any }[] };
    };
    let { cursor } = await pull(null);
    const loose = await freshFinding();
    const other = await fx.makeFinding(); // routed to the partner, who may see it
    const item = await newItem({ title: 'Stoep herstellen', findingIds: [loose.id] });
    const pulledFinding = async (id: string) => {
      const answer = await pull(cursor);
      cursor = answer.cursor;
      return answer.changes.find((c) => c.entityType === 'FINDING' && c.entityId === id);
    };
    expect((await pulledFinding(loose.id))?.data.actionItems).toEqual([{ id: item.id, title: 'Stoep herstellen', status: 'OPEN', publicMessage: null }]);

    await update('coordinator', { actionItemId: item.id, status: 'BEZIG', publicMessage: 'De stoep wordt in november hersteld.', owner: 'Piet Pietersen' });
    const change = await pulledFinding(loose.id);
    expect(change?.data.actionItems).toEqual([{ id: item.id, title: 'Stoep herstellen', status: 'BEZIG', publicMessage: 'De stoep wordt in november hersteld.' }]);
    expect(JSON.stringify(change)).not.toContain('Piet Pietersen');

    // A finding added to the item is pulled too; one taken out is pulled without it.
    await update('coordinator', { actionItemId: item.id, addFindingIds: [other.id], removeFindingIds: [loose.id] });
    const answer = await pull(cursor);
    cursor = answer.cursor;
    const byId = new Map(answer.changes.filter((c) => c.entityType === 'FINDING').map((c) => [c.entityId, c.data]));
    expect(byId.get(loose.id)?.actionItems).toEqual([]);
    expect(byId.get(other.id)?.actionItems).toContainEqual({ id: item.id, title: 'Stoep herstellen', status: 'BEZIG', publicMessage: 'De stoep wordt in november hersteld.' });

    const query = 'query($id: ID!) { finding(id: $id) { actionItems { id title status publicMessage } } }';
    for (const role of ['schouwer', 'coordinator', 'partner'] as const) {
      const { body } = await fx.query(role, query, { id: other.id });
      expect(body.data.finding.actionItems, role).toContainEqual({ id: item.id, title: 'Stoep herstellen', status: 'BEZIG', publicMessage: 'De stoep wordt in november hersteld.' });
    }
    expect((await fx.query('otherParticipant', query, { id: other.id })).body.data.finding).toBeNull();

    // Removed: the finding is pulled once more, without the item; the finding stays.
    expect((await fx.query('coordinator', DELETE, { id: item.id })).body.data.deleteActionItem).toBe(item.id);
    expect((await pulledFinding(other.id))?.data.actionItems.map((i: { id: string }) => i.id)).not.toContain(item.id);
    expect(await row(item.id)).toBeUndefined();
    expect((await audits(item.id)).at(-1)).toMatchObject({ action: 'action_item.deleted' });
    expect(JSON.parse((await audits(item.id)).at(-1)!.detail!)).toMatchObject({ title: 'Stoep herstellen', findings: other.id });
  });
});
