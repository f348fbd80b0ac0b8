import type { Random } from './random.js';

/** A figure with its bootstrap confidence interval; null where the figure is undefined. */
export interface Estimate {
  value: number | null;
  ci_low: number | null;
  ci_high: number | null;
  /** Resamples in which the figure was defined; the interval comes from these alone. */
  replicates: number;
}

/**
 * Percentile bootstrap 95% interval: the units (posts) are resampled with replacement `replicates`
 * times and the statistic recomputed on each resample. Resampling whole posts keeps every coder's
 * codes of a post together, which is what makes the interval honest about coder disagreement.
 */
export function bootstrapEstimate<Unit>(
  units: readonly Unit[],
  statistic: (units: readonly Unit[]) => number | null,
  replicates: number,
  random: Random,
): Estimate {
  const value = statistic(units);
  if (value === null || units.length === 0) return { value, ci_low: null, ci_high: null, replicates: 0 };
  const draws: number[] = [];
  const resample: Unit[] = new Array<Unit>(units.length);
  for (let r = 0; r < replicates; r++) {
    for (let i = 0; i < units.length; i++) resample[i] = units[random.int(units.length)]!;
    const drawn = statistic(resample);
    if (drawn !== null) draws.push(drawn);
  }
  if (draws.length === 0) return { value, ci_low: null, ci_high: null, replicates: 0 };
  draws.sort((a, b) => a - b);
  return { value, ci_low: quantile(draws, 0.025), ci_high: quantile(draws, 0.975), replicates: draws.length };
}

/** Linear interpolation between order statistics (Hyndman & Fan type 7, R's default). */
export function quantile(sorted: readonly number[], p: number): number {
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}
