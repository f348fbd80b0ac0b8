/**
 * Orders text by UTF-16 code units, for sorting rows, nodes and keys: the same order on every
 * machine and in every locale (localeCompare's is neither), so outputs are byte-identical.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
