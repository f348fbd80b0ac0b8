import type { CodingEvaluation } from './evaluate-coding.js';
import type { BinaryScores } from './metrics.js';

/** A figure with 3 decimals, or – where it is not defined (0/0). */
export function figure(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : value.toFixed(3);
}

/** Pads a table: first column left-aligned, the others right-aligned. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows
    .map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd())
    .join('\n');
}

function scoreRow(name: string, s: BinaryScores): string[] {
  return [name, String(s.support), String(s.tp), String(s.fp), String(s.fn), String(s.tn), figure(s.precision), figure(s.recall), figure(s.f1)];
}

/** The human-readable report of `ctacode eval`. */
export function formatCodingReport(evaluation: CodingEvaluation, options: { confusions?: number; errors?: number } = {}): string {
  const out: string[] = [];
  out.push(`${evaluation.file}: ${evaluation.posts} posts, codebook ${evaluation.codebook.id} ${evaluation.codebook.version}`);
  out.push('');
  const rows: string[][] = [['category', 'support', 'TP', 'FP', 'FN', 'TN', 'precision', 'recall', 'F1']];
  for (const [id, s] of Object.entries(evaluation.categories)) rows.push(scoreRow(id, s));
  if (evaluation.averages !== null) {
    const { micro, macro } = evaluation.averages;
    rows.push(scoreRow('micro average', micro));
    rows.push([`macro average (${macro.categories})`, '', '', '', '', '', figure(macro.precision), figure(macro.recall), figure(macro.f1)]);
  }
  rows.push(scoreRow(evaluation.ctaAnyLabelled ? 'cta_any' : 'cta_any (derived)', evaluation.ctaAny));
  out.push(table(rows));

  const languages = Object.entries(evaluation.byLanguage);
  if (languages.length > 1) {
    out.push('');
    out.push(table([['language', 'posts', 'cta_any F1', 'micro F1'], ...languages.map(([lang, l]) => [lang, String(l.posts), figure(l.ctaAny.f1), figure(l.micro?.f1)])]));
  }

  const confusions = evaluation.confusions.slice(0, options.confusions ?? 10);
  if (confusions.length > 0) {
    out.push('');
    out.push('most frequent confusions (labelled → coded; (none): no category)');
    out.push(table(confusions.map((c) => [`  ${c.labelled} → ${c.coded}`, String(c.n)])));
  }

  const errors = evaluation.miscoded.slice(0, options.errors ?? 0);
  if (errors.length > 0) {
    out.push('');
    out.push(`miscoded posts (${errors.length} of ${evaluation.miscoded.length})`);
    for (const e of errors) {
      out.push(`  line ${e.line} [${e.lang ?? '?'}] labelled: ${e.labelled.join(';') || '-'}  coded: ${e.coded.join(';') || '-'}`);
      out.push(`    ${e.text.replace(/\s+/g, ' ').slice(0, 200)}`);
    }
  }
  return `${out.join('\n')}\n`;
}
