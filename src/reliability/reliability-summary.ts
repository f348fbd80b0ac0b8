import type { Estimate } from './bootstrap.js';
import type { ReliabilityReport } from './reliability-report.js';
import { alignedTable } from './text-table.js';

const figure = (e: Estimate | null) => (e === null ? 'n/a' : e.value === null ? '—' : e.value.toFixed(3));

/** The headline figures for the terminal; reliability.html has the intervals and the rest. */
export function reliabilitySummary(report: ReliabilityReport): string {
  const rows = report.codes.map((c) => [
    c.code,
    String(c.human.units),
    figure(c.human.krippendorff_alpha),
    figure(c.human.cohen_kappa),
    String(c.machine.units),
    figure(c.machine.precision),
    figure(c.machine.recall),
    figure(c.machine.f1),
    figure(c.machine.krippendorff_alpha),
  ]);
  const header = ['code', 'posts 2+ coders', 'alpha', 'kappa', 'posts vs machine', 'precision', 'recall', 'F1', 'alpha machine'];
  return `${[...alignedTable(header, rows), '', `${report.disagreements} disagreement(s) to adjudicate; — is undefined (no variation or no positives), n/a not applicable.`].join('\n')}\n`;
}
