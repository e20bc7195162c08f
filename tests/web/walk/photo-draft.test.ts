import { afterEach, describe, expect, it, vi } from 'vitest';
import { PhotoDraft } from '$lib/walk/photo-draft.svelte';

describe('photos of a finding not saved yet', () => {
  afterEach(() => vi.restoreAllMocks());

  it('keeps photos in memory with a preview, and a removed one is never stored', async () => {
    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    const draft = new PhotoDraft();
    const first = draft.add(new Uint8Array([1]).buffer);
    const second = draft.add(new Uint8Array([2]).buffer);
    const third = draft.add(new Uint8Array([3]).buffer);
    expect(draft.photos.map((p) => p.url.startsWith('blob:'))).toEqual([true, true, true]);

    draft.remove(second.key);
    expect(revoke).toHaveBeenCalledWith(second.url);
    expect(draft.photos.map((p) => p.key)).toEqual([first.key, third.key]);

    const stored: number[] = [];
    const ids = await draft.keepAll(async (bytes) => {
      stored.push(new Uint8Array(bytes)[0]!);
      return `id-${stored.length}`;
    });
    expect(stored).toEqual([1, 3]);
    expect(ids).toEqual(['id-1', 'id-2']);

    draft.dispose();
    expect(draft.photos).toEqual([]);
    expect(revoke).toHaveBeenCalledWith(first.url);
    expect(revoke).toHaveBeenCalledWith(third.url);
  });
});
