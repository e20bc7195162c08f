// Moved to @buurtkracht/protocol/tile-sizes; this stays only until its last importers read
// it from there.
export * from '@buurtkracht/protocol/tile-sizes';
