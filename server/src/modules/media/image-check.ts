/**
 * What an upload really is, by its first bytes (never by its name or Content-Type):
 * JPEG, PNG and WebP are accepted; HEIC is recognised but sharp here cannot read it,
 * so the field app converts photos to JPEG before storing them.
 */
export type ImageKind = 'jpeg' | 'png' | 'webp' | 'heic';

export function sniffImage(bytes: Buffer): ImageKind | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (bytes.length >= 12 && bytes.toString('latin1', 4, 8) === 'ftyp' && /^(heic|heix|hevc|heim|heis|mif1|msf1)$/.test(bytes.toString('latin1', 8, 12))) return 'heic';
  return null;
}

export const ACCEPTED_KINDS: readonly ImageKind[] = ['jpeg', 'png', 'webp'];
