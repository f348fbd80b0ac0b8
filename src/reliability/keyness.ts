/**
 * Log-likelihood G² of a term's frequency in a target corpus against a reference corpus (Dunning
 * 1993; in the two-cell form of Rayson & Garside 2000): with a, b the term's frequencies and c, d
 * the corpus sizes, E1 = c(a+b)/(c+d), E2 = d(a+b)/(c+d), G² = 2(a ln(a/E1) + b ln(b/E2)), where
 * 0 ln 0 counts as 0. G² ≥ 3.84 is p < .05 at one degree of freedom, 6.63 p < .01, 15.13 p < .0001.
 */
export function logLikelihood(a: number, b: number, c: number, d: number): number {
  const e1 = (c * (a + b)) / (c + d);
  const e2 = (d * (a + b)) / (c + d);
  const part = (observed: number, expected: number) => (observed === 0 ? 0 : observed * Math.log(observed / expected));
  return 2 * (part(a, e1) + part(b, e2));
}

/**
 * Hardie's (2014) log ratio, the effect size next to G²: log2 of the ratio of relative frequencies.
 * A zero frequency counts as 0.5 so that a term absent from the reference has a finite ratio.
 */
export function logRatio(a: number, b: number, c: number, d: number): number {
  return Math.log2(((a === 0 ? 0.5 : a) / c) / ((b === 0 ? 0.5 : b) / d));
}
