/**
 * `value` (plain data: objects, arrays, strings, numbers) with each string stored one byte per
 * character where its characters allow it. V8 keeps a slice of a text in the text's width: once a
 * codebook's YAML holds a single character beyond Latin-1 (a ’ or a —), every id, rule and cue
 * parsed from it took two bytes per character, and so did every coded_posts.csv row and batch
 * entry they are joined into (the codebook id is in every row), which were then encoded to UTF-8
 * from two-byte text. JSON.parse makes each string afresh, in one byte wherever it fits.
 */
export function withOneByteStrings<T>(value: T): T {
  if (typeof value === 'string') return JSON.parse(JSON.stringify(value)) as T;
  if (Array.isArray(value)) return value.map(withOneByteStrings) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [withOneByteStrings(key), withOneByteStrings(item)])) as T;
  }
  return value;
}
