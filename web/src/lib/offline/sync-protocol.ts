// Moved to @buurtkracht/protocol/sync-protocol; this stays only until the server's last two
// importers (sync-entries.ts, sync.service.ts) read it from there.
export * from '@buurtkracht/protocol/sync-protocol';
