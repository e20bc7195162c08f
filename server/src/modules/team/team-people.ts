/**
 * Who is the same person across walks, for the composer's rotation. People consented to
 * their contact being used for messages about their sign-up, not for recognising them, so
 * a sign-up is linked to earlier walks only through the follow-up key of the device that
 * joined the field app with it (the same phone, last year and now). A sign-up no device
 * joined with is a person of its own. Pure: the team service reads the sign-ups.
 */
import type { TeamSignup } from './team.repo.js';

/** The person behind a sign-up: its device's follow-up key, or else the sign-up itself. */
export const personKeyOf = (signup: Pick<TeamSignup, 'id' | 'followUpKeyId'>): string => (signup.followUpKeyId ? `device:${signup.followUpKeyId}` : `signup:${signup.id}`);
