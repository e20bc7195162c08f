/**
 * Secrets and codes: session ids, bearer tokens and invite codes are random; only their
 * SHA-256 hashes are stored, so a copy of the database does not let anyone sign in.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';

/** 128 bits for session ids, 256 bits for bearer and invite tokens. */
export const randomToken = (bytes: number): string => randomBytes(bytes).toString('base64url');

export const hashSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

/** Letters and digits that cannot be mistaken for each other when read aloud or typed. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const INVITE_CODE_LENGTH = 10;

/** A short code a person can type from a poster: 10 characters, about 50 bits. */
export function inviteCode(): string {
  let code = '';
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** What a person typed ("abcd efgh-jk") in the stored form ("ABCDEFGHJK"). */
export const normaliseInviteCode = (typed: string): string => typed.toUpperCase().replace(/[\s-]/g, '');

/** A stable, non-personal name derived from an id, e.g. "Buurtgenoot 7F3K". */
export function pseudonymFor(id: string): string {
  const digest = createHash('sha256').update(id).digest();
  let suffix = '';
  for (let i = 0; i < 4; i++) suffix += CODE_ALPHABET[digest[i]! % CODE_ALPHABET.length];
  return `Buurtgenoot ${suffix}`;
}
