/**
 * While a transfer code is open this phone records nothing: what it recorded might never be
 * sent, as its tokens end when the new phone redeems the code. The end of that window is
 * kept in the device's meta store, so a restart within it still blocks recording.
 */
import { getMeta, setMeta, type Db } from './idb';

const TRANSFER_OPEN = 'transferOpenUntil';

export class TransferWindow {
  /** Until when an open transfer code keeps this phone from recording (null: none open). */
  openUntil = $state<string | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Picks up a window opened before the app (re)started. */
  async restore(db: Db): Promise<void> {
    this.#keepUntil((await getMeta<string>(db, TRANSFER_OPEN)) ?? null);
  }

  async open(db: Db, until: string): Promise<void> {
    await setMeta(db, TRANSFER_OPEN, until);
    this.#keepUntil(until);
  }

  #keepUntil(until: string | null): void {
    clearTimeout(this.#timer);
    const left = until ? Date.parse(until) - Date.now() : 0;
    this.openUntil = left > 0 ? until : null;
    if (left > 0) this.#timer = setTimeout(() => (this.openUntil = null), left);
  }
}
