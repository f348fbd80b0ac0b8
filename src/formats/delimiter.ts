/**
 * Which character separates the cells of a CSV file, sniffed from its header line: exports use
 * `,`; Zeeschuimer, Facepager and Excel in comma-decimal locales use `;`; YTDT and "text" exports
 * use tabs. Only the header is looked at, because cells of data rows may hold any of them.
 */

export type Delimiter = ',' | ';' | '\t';

/** In order of preference when counts tie. */
const CANDIDATES: readonly Delimiter[] = [',', ';', '\t'];

/**
 * The candidate that occurs most often outside quotes in the first line of `text` (`,` when
 * none occurs: a file with one column).
 */
export function sniffDelimiter(text: string): Delimiter {
  const counts = new Map<string, number>(CANDIDATES.map((candidate) => [candidate, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best: Delimiter = ',';
  for (const candidate of CANDIDATES) if (counts.get(candidate)! > counts.get(best)!) best = candidate;
  return best;
}
