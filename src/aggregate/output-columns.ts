import type { RejectedRow } from '../queue/job-types.js';
import type { Evidence } from '../types/contracts.js';
import { codedPostColumns, type CodebookOutline, type CodedPostRow } from './coded-post-columns.js';
import type { OutputOptions } from './output-options.js';
import { rejectedRowColumns } from './rejected-rows.js';
import { neutraliseFormula, type TableColumn } from './table-column.js';

const pseudonymNote = ' (pseudonymised: a keyed HMAC-SHA256 hash, 16 hex digits; the same value gets the same pseudonym in every run of the data folder)';
const pseudonymised = new Set(['account_id', 'account_handle', 'account_name', 'mentions', 'cta_targets']);

/**
 * Columns of coded_posts.csv under the run's options: --no-text drops `text` and keeps only the
 * category, rule and offsets of the evidence; --pseudonymise says so in the descriptions (the
 * values are replaced before any table is built, see applyPrivacy) and empties `url`.
 */
export function codedPostOutputColumns(codebook: CodebookOutline, options: Pick<OutputOptions, 'noText' | 'pseudonymKeyFile'>): TableColumn<CodedPostRow>[] {
  const pseudonymise = options.pseudonymKeyFile !== null;
  return codedPostColumns(codebook)
    .filter((c) => !(options.noText && c.name === 'text'))
    .map((c) => {
      if (options.noText && c.name === 'cta_evidence') {
        return { ...c, description: 'Why each category was coded: category/rule [start-end offsets in the post text], several joined with " | " (--no-text: the matched text is left out)', cell: (r: CodedPostRow) => neutraliseFormula(formatEvidenceWithoutText(r.coded.coding.evidence)) };
      }
      if (pseudonymise && pseudonymised.has(c.name)) return { ...c, description: `${c.description}${c.name === 'cta_targets' ? ' (@handles pseudonymised)' : pseudonymNote}` };
      if (pseudonymise && c.name === 'url') return { ...c, description: `${c.description} (empty: --pseudonymise drops it, as it names the account)` };
      if (pseudonymise && (c.name === 'text' || c.name === 'cta_evidence')) return { ...c, description: `${c.description} (@mentions pseudonymised; other names in the text are not: use --no-text to drop the text)` };
      return c;
    });
}

function formatEvidenceWithoutText(evidence: readonly Evidence[]): string {
  return evidence.map((e) => `${e.category}/${e.rule}${e.start >= 0 ? ` [${e.start}-${e.end}]` : ''}`).join(' | ');
}

/** rejected_rows.csv: under --no-text or --pseudonymise the raw row (text, names) is left empty. */
export function rejectedRowOutputColumns(options: Pick<OutputOptions, 'noText' | 'pseudonymKeyFile'>): TableColumn<RejectedRow>[] {
  if (!options.noText && options.pseudonymKeyFile === null) return rejectedRowColumns;
  return rejectedRowColumns.map((c) => (c.name === 'raw' ? { ...c, description: `${c.description}; empty in this run (--no-text or --pseudonymise)`, cell: () => null } : c));
}
