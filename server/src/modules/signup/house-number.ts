/**
 * A house number as people type it, folded so that one garden has one key ("12 A", "12a"
 * and "12-a" are one garden; "12-1" and "121" are two): the pickup list matches sign-ups'
 * addresses with what was counted there by it.
 */
export function houseNumberKey(houseNumber: string): string {
  return houseNumber
    .trim()
    .toLowerCase()
    .replace(/[\s\-./]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/(\d)-(?=[a-z])/g, '$1');
}
