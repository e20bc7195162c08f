/**
 * A membership is one activity this device joined, with its own token. Everything the
 * device sends belongs to one: each outbox entry and photo names the membership it was
 * recorded under and is only ever sent with that membership's token, under that
 * membership's own device id and seq numbering (the server ties a device id to one
 * participant). Its sync state lives in meta under keys made here.
 */

/** What the sync engine needs of a membership. `id` is its campaign id; '' stands for the only one (tests). */
export interface SyncChannel {
  id: string;
  /** null: the transport's own token. */
  token: string | null;
  /** Pull changes for it (the activity shown on the device); others only send what waits. */
  pull: boolean;
}

/** campaignChanged: a pull brought changes to what the device keeps of the campaign. */
export type ChannelState = 'deviceId' | 'nextSeq' | 'ackedSeq' | 'cursor' | 'campaignChanged';

/** The meta key of a membership's sync state. */
export const channelKey = (membership: string, name: ChannelState): string => (membership ? `${name}:${membership}` : name);

/** The channel of a device that has one membership and lets the transport hold the token. */
export const ONLY_CHANNEL: SyncChannel = { id: '', token: null, pull: true };
