export type Code = 0 | 1;

/** The code most coders gave; null where nobody coded the post or the coders are split evenly. */
export function majorityCode(codes: readonly (Code | null)[]): Code | null {
  let ones = 0;
  let zeros = 0;
  for (const code of codes) {
    if (code === 1) ones++;
    else if (code === 0) zeros++;
  }
  if (ones === zeros) return null;
  return ones > zeros ? 1 : 0;
}

/**
 * What the machine is judged against: the adjudicated (gold) code where there is one, else the
 * coders' majority. An even split without adjudication has no reference and is left out of the
 * machine–human figures rather than decided by a coin.
 */
export function referenceCode(codes: readonly (Code | null)[], gold: Code | null): Code | null {
  return gold ?? majorityCode(codes);
}
