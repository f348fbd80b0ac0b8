import type { TableColumn } from '../aggregate/table-column.js';
import type { Estimate } from './bootstrap.js';
import type { CodeReliability } from './reliability-figures.js';

/** A row of reliability.csv: long ("tidy") form, one figure per row, ready for R or pandas. */
export interface ReliabilityRow {
  code: string;
  label: string;
  comparison: 'human-human' | 'machine-human';
  statistic: string;
  value: number | null;
  ci_low: number | null;
  ci_high: number | null;
  units: number;
}

/** Four decimals: more would suggest a precision that a few hundred posts do not give. */
const rounded = (value: number | null) => (value === null ? null : Math.round(value * 10000) / 10000);

export const reliabilityColumns: TableColumn<ReliabilityRow>[] = [
  { name: 'code', type: 'string', description: 'Code column (cta_any or cta_<category>)', cell: (r) => r.code },
  { name: 'label', type: 'string', description: 'Label of the code', cell: (r) => r.label },
  { name: 'comparison', type: 'string', values: 'human-human, machine-human', description: 'Which codes are compared', cell: (r) => r.comparison },
  { name: 'statistic', type: 'string', description: 'percent_agreement, cohen_kappa, krippendorff_alpha, precision, recall, f1, or the counts tp, fp, fn, tn', cell: (r) => r.statistic },
  { name: 'value', type: 'number', description: 'The figure; empty where undefined (e.g. no positives)', cell: (r) => rounded(r.value) },
  { name: 'ci_low', type: 'number', description: 'Lower bound of the bootstrap 95% interval', cell: (r) => rounded(r.ci_low) },
  { name: 'ci_high', type: 'number', description: 'Upper bound of the bootstrap 95% interval', cell: (r) => rounded(r.ci_high) },
  { name: 'units', type: 'integer', description: 'Posts the figure is computed on', cell: (r) => r.units },
];

export function reliabilityRows(codes: readonly CodeReliability[]): ReliabilityRow[] {
  return codes.flatMap((code) => {
    const row = (comparison: ReliabilityRow['comparison'], units: number) => (statistic: string, e: Estimate): ReliabilityRow => ({
      code: code.code,
      label: code.label,
      comparison,
      statistic,
      value: e.value,
      ci_low: e.ci_low,
      ci_high: e.ci_high,
      units,
    });
    const human = row('human-human', code.human.units);
    const machine = row('machine-human', code.machine.units);
    const count = (value: number): Estimate => ({ value, ci_low: null, ci_high: null, replicates: 0 });
    const m = code.machine;
    return [
      human('percent_agreement', code.human.percent_agreement),
      ...(code.human.cohen_kappa ? [human('cohen_kappa', code.human.cohen_kappa)] : []),
      human('krippendorff_alpha', code.human.krippendorff_alpha),
      machine('precision', m.precision),
      machine('recall', m.recall),
      machine('f1', m.f1),
      machine('cohen_kappa', m.cohen_kappa),
      machine('krippendorff_alpha', m.krippendorff_alpha),
      machine('tp', count(m.tp)),
      machine('fp', count(m.fp)),
      machine('fn', count(m.fn)),
      machine('tn', count(m.tn)),
    ];
  });
}
