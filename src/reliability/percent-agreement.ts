import { presentValues, type CodedUnit } from './coded-unit.js';

/**
 * Share of agreeing pairs among all pairs of values given to the same unit. With two coders this is
 * the plain share of units both coded the same; with more it weighs every pair of coders alike.
 * null where no unit has two values.
 */
export function percentAgreement(units: readonly CodedUnit[]): number | null {
  let pairs = 0;
  let agreeing = 0;
  for (const unit of units) {
    const values = presentValues(unit).map(String);
    for (let i = 0; i < values.length; i++) {
      for (let j = i + 1; j < values.length; j++) {
        pairs++;
        if (values[i] === values[j]) agreeing++;
      }
    }
  }
  return pairs === 0 ? null : agreeing / pairs;
}
