/**
 * Whether a contact detail a person typed could be used to reach them: the join form, the
 * sign-up form and Mijn gegevens all ask for "an e-mail address or a phone number" and
 * check it the same way before sending. The server only limits the length; a typo caught
 * here is one the person can still fix.
 */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_CHARS = /^\+?[\d\s().-]+$/;

/** An e-mail address, or a phone number of 10 to 15 digits (06-12345678, +31 6 1234 5678). */
export function looksLikeContact(value: string): boolean {
  const text = value.trim();
  if (EMAIL.test(text)) return true;
  const digits = text.replace(/\D/g, '').length;
  return PHONE_CHARS.test(text) && digits >= 10 && digits <= 15;
}
