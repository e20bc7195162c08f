/** Live data on dashboards and the public progress page: fresh every few seconds, calm when hidden. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveData, REFRESH_MS } from '$lib/live/live-data.svelte';

describe('live data', () => {
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('document', doc);
    doc.visibilityState = 'visible';
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('keeps the last value and its time when a refresh fails, and says it failed', async () => {
    let answer: () => Promise<number> = async () => 1;
    const live = new LiveData(() => answer());
    await live.refresh();
    const confirmed = live.updatedAt;
    answer = async () => Promise.reject(new Error('offline'));
    await live.refresh();
    expect(live.value).toBe(1);
    expect(live.updatedAt).toBe(confirmed);
    expect(live.failing).toBe(true);
    answer = async () => 2;
    await live.refresh();
    expect([live.value, live.failing]).toEqual([2, false]);
  });

  it('asks again on every interval while shown, not while hidden, and at once when shown again', async () => {
    const load = vi.fn(async () => 'stand');
    const stop = new LiveData(load).start();
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(REFRESH_MS * 2);
    expect(load).toHaveBeenCalledTimes(3);
    doc.visibilityState = 'hidden';
    await vi.advanceTimersByTimeAsync(REFRESH_MS * 3);
    expect(load).toHaveBeenCalledTimes(3);
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(load).toHaveBeenCalledTimes(4);
    stop();
    await vi.advanceTimersByTimeAsync(REFRESH_MS * 3);
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('starts from an answer the page asked for while it loaded, without asking twice', async () => {
    const load = vi.fn(async () => 'later');
    const live = new LiveData(load);
    const at = new Date();
    const stop = live.start(Promise.resolve({ value: 'first', at }));
    await vi.advanceTimersByTimeAsync(0);
    expect(load).not.toHaveBeenCalled();
    expect([live.value, live.updatedAt, live.failing]).toEqual(['first', at, false]);
    await vi.advanceTimersByTimeAsync(REFRESH_MS);
    expect(load).toHaveBeenCalledTimes(1);
    expect(live.value).toBe('later');
    stop();
  });

  it('asks again at once when that answer is old (a link pointed at long before it was opened), or failed', async () => {
    const load = vi.fn(async () => 'now');
    const old = new LiveData(load);
    const stopOld = old.start(Promise.resolve({ value: 'then', at: new Date(Date.now() - 2 * REFRESH_MS) }));
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(1);
    expect(old.value).toBe('now');
    stopOld();

    const failed = new LiveData(load);
    const stopFailed = failed.start(Promise.reject(new Error('offline')));
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(2);
    expect([failed.value, failed.failing]).toEqual(['now', false]);
    stopFailed();
  });
});
