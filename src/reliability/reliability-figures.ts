import { bootstrapEstimate, type Estimate } from './bootstrap.js';
import { confusion, f1, precision, recall, type Confusion } from './classification.js';
import type { CodeColumn } from './code-columns.js';
import { cohenKappa } from './cohen-kappa.js';
import { presentValues, type CodedUnit } from './coded-unit.js';
import { krippendorffAlpha } from './krippendorff-alpha.js';
import type { ValidationPost } from './load-validation-data.js';
import { percentAgreement } from './percent-agreement.js';
import { seededRandom } from './random.js';
import { referenceCode, type Code } from './reference-code.js';

export interface HumanAgreement {
  /** Posts coded by at least two coders. */
  units: number;
  percent_agreement: Estimate;
  /** Only with exactly two coders; null otherwise (Cohen's kappa is a two-coder statistic). */
  cohen_kappa: Estimate | null;
  krippendorff_alpha: Estimate;
}

export interface MachineAgreement extends Confusion {
  /** Posts with a reference code (gold, or a coders' majority). */
  units: number;
  /** Posts the coders split evenly on, with no gold: no reference, so left out. */
  no_reference: number;
  precision: Estimate;
  recall: Estimate;
  f1: Estimate;
  cohen_kappa: Estimate;
  krippendorff_alpha: Estimate;
}

export interface CodeReliability {
  code: string;
  label: string;
  human: HumanAgreement;
  machine: MachineAgreement;
}

export interface BootstrapSettings {
  replicates: number;
  seed: string;
}

type Pair = readonly [Code, Code];

/**
 * The figures for every code. Each comparison of each code draws its resamples from its own stream
 * (seed, code, comparison), so all statistics of one comparison see the same resamples and adding a
 * category to the codebook does not move the intervals of the others.
 */
export function reliabilityFigures(posts: readonly ValidationPost[], codes: readonly CodeColumn[], coders: number, bootstrap: BootstrapSettings): CodeReliability[] {
  return codes.map((code, c) => {
    const estimate = <Unit>(units: readonly Unit[], comparison: string, statistic: (units: readonly Unit[]) => number | null) =>
      bootstrapEstimate(units, statistic, bootstrap.replicates, seededRandom(`${bootstrap.seed}/${code.column}/${comparison}`));

    const humanUnits: CodedUnit[] = posts.map((p) => p.coders.map((coder) => coder[c]!)).filter((unit) => presentValues(unit).length >= 2);
    const human: HumanAgreement = {
      units: humanUnits.length,
      percent_agreement: estimate(humanUnits, 'human', percentAgreement),
      cohen_kappa: coders === 2 ? estimate(humanUnits, 'human', (units) => cohenKappa(units.map((u) => [u[0]!, u[1]!]))) : null,
      krippendorff_alpha: estimate(humanUnits, 'human', krippendorffAlpha),
    };

    const references = posts.map((p) => referenceCode(p.coders.map((coder) => coder[c]!), p.gold[c]!));
    const pairs: Pair[] = posts.flatMap((p, i) => (references[i] === null ? [] : [[p.machine[c]!, references[i]!] as const]));
    const counts = confusion(pairs);
    const machine: MachineAgreement = {
      units: pairs.length,
      no_reference: posts.filter((p, i) => references[i] === null && p.coders.some((coder) => coder[c] !== null)).length,
      ...counts,
      precision: estimate(pairs, 'machine', (units) => precision(confusion(units))),
      recall: estimate(pairs, 'machine', (units) => recall(confusion(units))),
      f1: estimate(pairs, 'machine', (units) => f1(confusion(units))),
      cohen_kappa: estimate(pairs, 'machine', cohenKappa),
      krippendorff_alpha: estimate(pairs, 'machine', krippendorffAlpha),
    };
    return { code: code.column, label: code.label, human, machine };
  });
}
