/**
 * What the sync screen (Versturen) does with work the server refused, as the person
 * chooses: an entry or a photo back in line, or thrown away. The outbox code loads on
 * first use, as in field-app.svelte.ts: no other screen needs it.
 */
import { fieldApp } from './field-app.svelte';

const outbox = () => import('./outbox');

/** A refused entry back in line, by its mutationId. */
export async function retryEntry(mutationId: string): Promise<void> {
  await (await outbox()).retryRejected(fieldApp.db, mutationId);
  fieldApp.version++;
  fieldApp.syncNow();
}

/** A refused entry thrown away. */
export async function discardEntry(mutationId: string): Promise<void> {
  await (await outbox()).discardRejected(fieldApp.db, mutationId);
  fieldApp.version++;
  await fieldApp.status.refresh(fieldApp.db);
}

/** A refused photo sent again with the next round. */
export async function retryPhoto(id: string): Promise<void> {
  await (await outbox()).retryPhoto(fieldApp.db, id);
  fieldApp.syncNow();
}

/** A refused photo left out: its finding goes without it. */
export async function dropPhoto(id: string): Promise<void> {
  await (await outbox()).dropPhoto(fieldApp.db, id);
  await fieldApp.status.refresh(fieldApp.db);
}
