/** V8 makes a slice of this many characters or more a pointer into its parent; shorter slices are copies. */
export const sharedSliceLength = 13;

/**
 * The characters of `text` in a string that points into nothing else. V8 makes a long slice
 * (`slice`, a regular expression's match, a cell of a CSV record) a pointer into the string it was
 * cut from, and keeps that whole string alive while the slice lives: a post's
 * fields are slices of its batch's segment (about 0.4 MB of the file, decoded as one string). A
 * cache that outlives a batch keeps its strings detached, or each new word or link it learns keeps
 * a segment in memory until the cache is reset (test/unit/coding/cache-retention.test.ts).
 * Shorter slices are copies already.
 */
export function detached(text: string): string {
  // The space and the text joined are one new string once sliced again: the slice points into it alone.
  return text.length < sharedSliceLength ? text : ` ${text}`.slice(1);
}
