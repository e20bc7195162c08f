/** A text to match literally in a LIKE pattern that declares `escape '\'`. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
