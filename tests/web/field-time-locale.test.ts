/**
 * The field screens write moments in the chosen language: with the app in English, the
 * sync screen's entries and a finding card say when in English ("1 May 2026, 12:00"), as
 * the words around them are, not in Dutch ("1 mei 2026, 12:00"). (A clock time alone is
 * written alike in both.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { i18n } from '$lib/i18n/i18n.svelte';
import { clockText, dateTimeText } from '$lib/i18n/field-time';
import type { MyFinding } from '$lib/offline/findings-store';
import type { OutboxEntry } from '$lib/offline/idb';
import { describeEntry } from '$lib/sync/describe-entry';
import { findingCard } from '$lib/walk/finding-card';

// Noon UTC: 1 May in every time zone from UTC−11 to UTC+11.
const moment = '2026-05-01T12:00:00.000Z';
const storage = { setItem: () => {} };
const entry: OutboxEntry = { seq: 1, mutationId: 'm', name: 'recordFinding', args: { text: 'Losse tegel' }, clientTime: '', formatVersion: 1, state: 'REJECTED', photoIds: [], createdAt: moment, membership: '' };
const finding = { id: 'f1', createdAt: moment, delivery: 'sent', status: 'NIEUW', data: {}, statusHistory: [], actionItems: [], followsUp: null, streetId: null } as unknown as MyFinding;

describe('moments in the field app', () => {
  it('are written the Dutch way by default', () => {
    expect(dateTimeText(moment)).toMatch(/^1 mei 2026, \d{2}:\d{2}$/);
    expect(clockText(moment)).toMatch(/^\d{2}:\d{2}$/);
    expect(describeEntry(entry)).toMatch(/\(vastgelegd op 1 mei 2026/);
  });

  describe('in English', () => {
    beforeAll(() => i18n.set('en', storage));
    afterAll(() => i18n.set('nl', storage));

    it('an outbox entry says when it was recorded', () => {
      expect(describeEntry(entry)).toMatch(/\(recorded 1 May 2026, \d{2}:\d{2}\)$/);
    });

    it('a finding card says when it was recorded', () => {
      expect(findingCard(finding, null, i18n.t).recordedOn).toMatch(/^1 May 2026, \d{2}:\d{2}$/);
    });

    it('the clock is the 24-hour one a Dutch reader expects', () => {
      expect(clockText(moment)).toMatch(/^\d{2}:\d{2}$/);
    });
  });
});
