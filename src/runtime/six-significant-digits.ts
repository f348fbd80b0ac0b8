/** 10^k for k = 0…22: every one exact as a double. */
const powersOfTen = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * `x` rounded to six significant digits, as every rate, share, mean and centrality in the outputs
 * is: enough for any analysis, and the same digits on every machine. Always the same double as `Number(x.toPrecision(6))`,
 * which the tests check, but without a string and its parse (0.25 µs, asked twice for each post's
 * engagement rate). The six digits are x × 10^k rounded to a whole number, for the k that puts
 * it between 10^5 and 10^6; that product is itself rounded, by at most 10^-10 there, so where it
 * lies that near a tie, or a power of ten or k beyond the exact powers is involved, toPrecision
 * decides. The whole number over 10^k is then the double nearest the six digits, as a parse of them is.
 */
export function sixSignificantDigits(x: number): number {
  const magnitude = Math.abs(x);
  const k = 5 - Math.floor(Math.log10(magnitude));
  if (!(k >= 0 && k <= 22)) return Number(x.toPrecision(6));
  const scaled = magnitude * powersOfTen[k]!;
  const whole = Math.floor(scaled);
  const fraction = scaled - whole;
  if (whole < 100_000 || whole >= 999_999 || Math.abs(fraction - 0.5) < 1e-6) return Number(x.toPrecision(6));
  const digits = fraction > 0.5 ? whole + 1 : whole;
  const rounded = digits / powersOfTen[k]!;
  return x < 0 ? -rounded : rounded;
}
