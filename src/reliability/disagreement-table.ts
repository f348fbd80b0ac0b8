import { neutraliseFormula, type TableColumn } from '../aggregate/table-column.js';
import type { Disagreement } from './disagreements.js';

/**
 * disagreements.csv: one row per post × code to adjudicate. The researcher fills `gold` and passes
 * the file back with --gold; its other columns are for reading.
 */
export function disagreementColumns(coders: readonly string[]): TableColumn<Disagreement>[] {
  return [
    { name: 'platform', type: 'string', description: 'Platform of the post', cell: (d) => d.platform },
    { name: 'post_id', type: 'string', description: 'Id of the post', cell: (d) => d.post_id },
    { name: 'code', type: 'string', description: 'Code column the disagreement is about', cell: (d) => d.code },
    { name: 'disagreement', type: 'string', values: 'coders, machine, gold', description: 'Who differs: the coders among themselves, the machine from their majority, the adjudicated code from the machine or the majority', cell: (d) => d.disagreement },
    ...coders.map((coder, i): TableColumn<Disagreement> => ({ name: coder, type: '0/1', values: '0, 1, empty', description: `Code of ${coder}; empty where not coded`, cell: (d) => d.coders[i] ?? null })),
    { name: 'majority', type: '0/1', values: '0, 1, empty', description: "The coders' majority; empty for an even split", cell: (d) => d.majority },
    { name: 'machine', type: '0/1', values: '0, 1', description: "ctacode's code", cell: (d) => d.machine },
    { name: 'gold', type: '0/1', values: '0, 1, empty', description: 'The adjudicated code: fill in, then run reliability with --gold this file', cell: (d) => d.gold },
    { name: 'evidence', type: 'string', description: 'Why the machine coded the post so (category/rule: "matched text")', cell: (d) => neutraliseFormula(d.evidence) },
    { name: 'text', type: 'string', description: 'Text of the post', cell: (d) => neutraliseFormula(d.text) },
    { name: 'url', type: 'string', description: 'Link to the post', cell: (d) => neutraliseFormula(d.url) },
  ];
}
