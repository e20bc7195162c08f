/**
 * The photos of a finding that is not saved yet. They stay in memory (downscaled JPEG
 * bytes and a preview URL) until the finding is saved, so a photo taken away before
 * saving never reaches the device database or the server.
 */
export interface DraftPhoto {
  key: string;
  bytes: ArrayBuffer;
  /** An object URL for the thumbnail; revoked when the photo is removed or the draft ends. */
  url: string;
}

export class PhotoDraft {
  #photos = $state.raw<DraftPhoto[]>([]);
  #next = 0;

  get photos(): readonly DraftPhoto[] {
    return this.#photos;
  }

  add(bytes: ArrayBuffer): DraftPhoto {
    const photo = { key: `photo-${++this.#next}`, bytes, url: URL.createObjectURL(new Blob([bytes], { type: 'image/jpeg' })) };
    this.#photos = [...this.#photos, photo];
    return photo;
  }

  remove(key: string): void {
    const photo = this.#photos.find((p) => p.key === key);
    if (!photo) return;
    URL.revokeObjectURL(photo.url);
    this.#photos = this.#photos.filter((p) => p !== photo);
  }

  /** Stores each photo (in order) with `keep` and returns their ids, for the finding. */
  async keepAll(keep: (bytes: ArrayBuffer) => Promise<string>): Promise<string[]> {
    const ids: string[] = [];
    for (const photo of this.#photos) ids.push(await keep(photo.bytes));
    return ids;
  }

  dispose(): void {
    for (const photo of this.#photos) URL.revokeObjectURL(photo.url);
    this.#photos = [];
  }
}
