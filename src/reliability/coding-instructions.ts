import type { CodeColumn } from './code-columns.js';

/**
 * The coder's brief, from the codebook's own definitions: coders and the machine must work from the
 * same definitions, or the comparison measures two different constructs. Nested categories say
 * so, because the machine codes a parent wherever it codes a child, and a coder who does not
 * would disagree with it for no reason of substance.
 */
export function codingInstructions(codebook: { id: string; version: string; title: string }, codes: readonly CodeColumn[], coder: string): string[] {
  return [
    `Coding sheet of ${coder}: codebook ${codebook.id} ${codebook.version} (${codebook.title})`,
    '',
    'For every post (row) enter in each code column:',
    '  1  the post contains a call to action of this kind',
    '  0  it does not',
    '  leave the cell empty only if you cannot judge the post (for example, the text is not in a language you read);',
    '     an empty cell counts as "not coded", not as 0, so leave the whole row empty in that case.',
    'cta_any is 1 exactly when at least one category is 1.',
    'Judge the text (and the links) as the audience would; open the post at its url where the text alone is unclear.',
    'Code on your own: do not discuss posts with the other coders until everyone has finished.',
    'Do not change, add or remove the columns platform, post_id and the cta_ columns, and do not change the ids.',
    '',
    'Codes:',
    ...codes.map((c) => `  ${c.column} (${c.label}): ${c.definition.replace(/\s+/g, ' ').trim()}${c.parent ? ` A kind of ${c.parent}: where this is 1, ${c.parent} is 1 too.` : ''}`),
  ];
}
