/**
 * The field screens write moments in the chosen language: with the app in English, the
 * sync pill, the sync screen's entries, a finding card and a blocked screen say their
 * times the English way ("May 1, 2026", "PM"), as the words around them are, not in Dutch.
 */
import { render } from 'svelte/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { i18n } from '$lib/i18n/i18n.svelte';
import { clockText, dateTimeText } from '$lib/i18n/field-time';
import type { OutboxEntry } from '$lib/offline/idb';
import type { MyFinding } from '$lib/offline/findings-store';

// AM or PM as the machine's time zone has it; the English way either way.
const moment = '2026-05-01T10:00:00.000Z';
const device = vi.hoisted(() => ({ fieldApp: { joined: { campaign: { name: 'Tegelwippen' } }, transferOpenUntil: '', status: { loaded: true, pending: 0, pendingPhotoBytes: 0, lastConfirmedSync: '' } } }));
vi.mock('$lib/offline/field-app.svelte', () => device);
const { default: SyncIndicator } = await import('../../web/src/lib/components/SyncIndicator.svelte');
const { default: RecordingBlocked } = await import('../../web/src/lib/components/RecordingBlocked.svelte');
const { describeEntry } = await import('$lib/sync/describe-entry');
const { findingCard } = await import('$lib/walk/finding-card');

const storage = { setItem: () => {} };
const text = (html: string) => html.replace(/<!--[^>]*-->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
const dutchMonth = /\b(mei|jan|feb|mrt|apr|jun|jul|aug|sep|okt|nov|dec)\b/;

describe('moments in the field app', () => {
  it('are written the Dutch way by default', () => {
    expect(dateTimeText(moment, 'nl')).toMatch(/^1 mei 2026/);
    expect(clockText(moment, 'nl')).toMatch(/^\d{2}:\d{2}$/);
  });

  describe('in English', () => {
    beforeAll(() => i18n.set('en', storage));
    afterAll(() => i18n.set('nl', storage));

    it('the sync pill says when all was sent, with an English clock', () => {
      device.fieldApp.status.lastConfirmedSync = moment;
      const { body } = render(SyncIndicator);
      expect(text(body)).toMatch(/^✓ all sent at \d{2}:\d{2} (AM|PM)$/);
    });

    it('a screen blocked by an open transfer code says until when in English', () => {
      device.fieldApp.transferOpenUntil = moment;
      const { body } = render(RecordingBlocked, { props: { reason: 'transferOpen' } });
      expect(text(body)).toMatch(/\d{2}:\d{2} (AM|PM)/);
    });

    it('an outbox entry says when it was recorded in English', () => {
      const entry: OutboxEntry = { seq: 1, mutationId: 'm', name: 'recordFinding', args: { text: 'Loose tile' }, clientTime: '', formatVersion: 1, state: 'REJECTED', photoIds: [], createdAt: moment, membership: '' };
      expect(describeEntry(entry)).toMatch(/recorded May 1, 2026, \d{1,2}:\d{2} (AM|PM)\)$/);
    });

    it('a finding card says when it was recorded in English', () => {
      const finding = { id: 'f1', createdAt: moment, delivery: 'sent', status: 'NIEUW', data: {}, statusHistory: [], actionItems: [], followsUp: null, streetId: null } as unknown as MyFinding;
      const card = findingCard(finding, null, i18n.t);
      expect(card.recordedOn).toMatch(/^May 1, 2026/);
      expect(card.recordedOn).not.toMatch(dutchMonth);
    });
  });
});
