/**
 * Warnings for bench figures taken while the machine changed speed. On shared virtual machines the
 * same parse of a million posts took 17.1 s right before a run and 21.4 s right after it: a ratio
 * against such a floor, or a two-core factor measured across such a swing, says more about the host
 * than about ctacode.
 */

/** Floors further apart than this (as a share of the faster one) make a ratio unreliable. */
export const floorSpreadLimit = 0.15;

/** How far apart two timings of the same work are, as a share of the faster one. */
export function spread(a: number, b: number): number {
  return Math.abs(a - b) / Math.min(a, b);
}

/** The warning for a size whose floor moved by more than floorSpreadLimit during its run, or null. */
export function floorDriftWarning(posts: number, before: number, after: number): string | null {
  const apart = spread(before, after);
  if (!(apart > floorSpreadLimit)) return null;
  return (
    `${posts} posts: the floor took ${before.toFixed(2)} s before the run and ${after.toFixed(2)} s after it, ${(100 * apart).toFixed(0)}% apart: ` +
    'the machine changed speed meanwhile, so its ratio may be off by as much; run the bench again on an idle machine'
  );
}

/** The warning for a two-core factor above 2, which only a machine that sped up between turns can give, or null. */
export function twoCoreFactorWarning(factor: number): string | null {
  if (!(factor > 2)) return null;
  return `two cores cannot do ${factor.toFixed(2)} times the work of one: the machine changed speed between the turns, so that factor is not a measure; run the bench again`;
}

/**
 * Where the median of `values` stands (of an even number, the higher of the middle two: a figure
 * the machine did not flatter). The one rule for every median the benches report.
 */
export function medianIndex(values: readonly number[]): number {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  return order[Math.floor(order.length / 2)]!;
}

/**
 * A run of a size repeated in rounds, each between two floors (`floors` holds one more than
 * `runSeconds`: the floor before the first run, then the floor after each run). Each run is set
 * against the mean of the floors either side of it; the round reported is the one with the median
 * ratio (of an even number of rounds, the higher of the middle two), so that one lucky or unlucky
 * minute of the machine does not make the figure.
 */
export function medianRound(floors: readonly number[], runSeconds: readonly number[]): { round: number; ratios: number[] } {
  if (runSeconds.length === 0 || floors.length !== runSeconds.length + 1) throw new Error(`medianRound: ${floors.length} floors for ${runSeconds.length} runs; there must be one more floor than runs`);
  const ratios = runSeconds.map((seconds, i) => seconds / ((floors[i]! + floors[i + 1]!) / 2));
  return { round: medianIndex(ratios), ratios };
}
