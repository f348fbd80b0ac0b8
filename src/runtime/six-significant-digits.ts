/** 10^k for k = 0…22: every one exact as a double. */
const powersOfTen = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * `x` rounded to six significant digits, as every rate, share, mean and centrality in the outputs
 * is: enough for any analysis, and the same digits on every machine. Always the same double as
 * `Number(x.toPrecision(6))`, which the tests check, without a string and its parse (0.25 µs, and
 * each post's engagement rate asks twice).
 *
 * The digits are x × 10^k rounded to a whole number, for the k that puts it between 10^5 and
 * 10^6. That product is itself rounded, by at most 10^-10 there; where it lies that near a tie,
 * where the digits would reach 999,999 or fall below 100,000 (x next to a power of ten), and where
 * 10^k would not be exact, toPrecision decides. The whole number over 10^k, both exact, is then
 * the double nearest the six digits, as a parse of them is.
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
