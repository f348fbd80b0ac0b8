import type { Suggestions } from './suggest-command.js';
import { alignedTable } from './text-table.js';

/** `ctacode suggest` for a terminal: per code with anything to learn, the key terms and the false-positive cues. */
export function suggestionsText(s: Suggestions): string {
  const against = s.reference === 'negatives' ? "the run's posts the machine coded 0" : 'the other posts of the sample';
  const lines = [
    `Codebook ${s.codebook.id} ${s.codebook.version}, run ${s.run_id}. Missed posts are compared with ${against};`,
    `terms in at least ${s.settings.minPosts} missed posts with G² ≥ ${s.settings.minG2}, at most ${s.settings.top} per code.`,
  ];
  const worth = s.codes.filter((c) => c.missed > 0 || c.false_positives > 0);
  if (worth.length === 0) lines.push('', 'The machine agrees with the coders on every post: nothing to suggest.');
  for (const code of worth) {
    lines.push('', `${code.code} (${code.label}): ${code.missed} missed, ${code.false_positives} false positive(s)`);
    if (code.missed > 0) {
      lines.push('', '  Over-represented in the posts the machine missed (candidate cues):');
      if (code.terms.length === 0) lines.push('    none reach the thresholds; read the missed posts in disagreements.csv');
      else {
        const rows = code.terms.map((t) => [t.term, String(t.posts), String(t.frequency), String(t.reference_frequency), t.g2.toFixed(2), t.log_ratio.toFixed(2)]);
        lines.push(...alignedTable(['term', 'posts', 'freq', 'ref freq', 'G²', 'log ratio'], rows).map((l) => `  ${l}`));
      }
    }
    if (code.false_positives > 0) {
      lines.push('', '  Evidence behind the false positives (cues to narrow or exclude):');
      if (code.cues.length === 0) lines.push('    no evidence recorded');
      else {
        const rows = code.cues.map((c) => [`${c.category}/${c.rule}`, `"${c.text}"`, String(c.false_positives), String(c.true_positives), c.posts.join(' ')]);
        lines.push(...alignedTable(['rule', 'matched text', 'false pos.', 'true pos.', 'e.g. posts'], rows).map((l) => `  ${l}`));
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
