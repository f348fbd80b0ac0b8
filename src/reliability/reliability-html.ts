import type { Estimate } from './bootstrap.js';
import type { Disagreement } from './disagreements.js';
import type { ReliabilityReport } from './reliability-report.js';

/** Enough rows to adjudicate from the page; the CSV has them all. */
const shownDisagreements = 500;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const number = (value: number | null) => (value === null ? '—' : value.toFixed(3));

function estimate(e: Estimate | null, judge?: (value: number) => string): string {
  if (e === null) return '<td class="na">n/a</td>';
  const interval = e.ci_low === null || e.ci_high === null ? '' : ` <span class="ci">[${number(e.ci_low)}, ${number(e.ci_high)}]</span>`;
  const level = judge && e.value !== null ? ` class="${judge(e.value)}"` : '';
  return `<td${level}>${number(e.value)}${interval}</td>`;
}

/** Krippendorff (2004, p. 241): rely on alpha ≥ .800; draw only tentative conclusions from .667 to .800. */
const alphaLevel = (alpha: number) => (alpha >= 0.8 ? 'good' : alpha >= 0.667 ? 'fair' : 'poor');

/** reliability.html: one self-contained page (no scripts, no external files) to read, print or attach. */
export function reliabilityHtml(report: ReliabilityReport, disagreements: readonly Disagreement[]): string {
  const coders = report.coders.map((c) => c.coder);
  const humanRows = report.codes
    .map((c) => `<tr><th>${escape(c.code)}</th><td class="label">${escape(c.label)}</td><td>${c.human.units}</td>${estimate(c.human.percent_agreement)}${estimate(c.human.cohen_kappa)}${estimate(c.human.krippendorff_alpha, alphaLevel)}</tr>`)
    .join('\n');
  const machineRows = report.codes
    .map((c) => {
      const m = c.machine;
      return `<tr><th>${escape(c.code)}</th><td class="label">${escape(c.label)}</td><td>${m.units}</td><td>${m.tp}</td><td>${m.fp}</td><td>${m.fn}</td><td>${m.tn}</td>${estimate(m.precision)}${estimate(m.recall)}${estimate(m.f1)}${estimate(m.cohen_kappa)}${estimate(m.krippendorff_alpha, alphaLevel)}</tr>`;
    })
    .join('\n');
  const cell = (value: number | null) => `<td>${value === null ? '' : value}</td>`;
  const disagreementRows = disagreements
    .slice(0, shownDisagreements)
    .map((d) => `<tr><td>${escape(d.platform)} ${link(d.post_id, d.url)}</td><td>${escape(d.code)}</td><td>${escape(d.disagreement)}</td>${d.coders.map(cell).join('')}${cell(d.majority)}${cell(d.machine)}${cell(d.gold)}<td class="evidence">${escape(d.evidence)}</td><td class="text">${escape(d.text)}</td></tr>`)
    .join('\n');
  const sample = report.sample;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Reliability of run ${escape(report.run_id)}</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 78rem; padding: 0 1rem; color: #1b1b1b; }
table { border-collapse: collapse; margin: 1rem 0 2rem; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid #ddd; padding: .3rem .6rem; text-align: right; vertical-align: top; white-space: nowrap; }
thead th { border-bottom: 2px solid #888; }
td.label, td.text, td.evidence, tbody th, th.left { text-align: left; }
td.text { max-width: 30rem; white-space: pre-wrap; }
td.evidence { white-space: normal; }
td.evidence { max-width: 18rem; color: #444; }
.ci { color: #666; font-size: .85em; }
.good { background: #e3f4e1; } .fair { background: #fff4d6; } .poor { background: #fbe1e1; } .na { color: #888; }
dl { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; } dt { font-weight: 600; }
</style>
</head>
<body>
<h1>Reliability of the automatic coding</h1>
<dl>
<dt>Run</dt><dd>${escape(report.run_id)}</dd>
<dt>Codebook</dt><dd>${escape(report.codebook.id)} ${escape(report.codebook.version)} (sha256 ${escape(report.codebook.sha256.slice(0, 12))}…)</dd>
<dt>Posts</dt><dd>${report.posts}${sample ? ` (sample of ${sample.n} from ${sample.population}, seed ${escape(sample.seed)}, ${sample.stratify === 'none' ? 'not stratified' : `stratified by ${escape(sample.stratify)}, ${escape(sample.allocation)} allocation`})` : ''}</dd>
<dt>Coders</dt><dd>${report.coders.map((c) => `${escape(c.coder)} (${c.posts} posts)`).join(', ')}</dd>
<dt>Machine compared with</dt><dd>${escape(report.reference)}</dd>
<dt>Intervals</dt><dd>95%, ${escape(report.bootstrap.method)}; ${report.bootstrap.replicates} resamples, seed ${escape(report.bootstrap.seed)}</dd>
<dt>Made</dt><dd>${escape(report.created_at)} by ${escape(report.software)}</dd>
</dl>
${report.warnings.length > 0 ? `<h2>Warnings</h2>\n<ul>${report.warnings.map((w) => `<li>${escape(w)}</li>`).join('\n')}</ul>` : ''}
<h2>Coders with each other</h2>
<p>Posts coded by at least two coders. Krippendorff's alpha (nominal) is shaded: at least .800 green, .667 to .800 yellow (tentative conclusions only), below .667 red (Krippendorff 2004). — means undefined: every code given was the same, so there was no variation to agree on.</p>
<table>
<thead><tr><th class="left">code</th><th class="left">label</th><th>posts</th><th>agreement</th><th>Cohen's kappa</th><th>Krippendorff's alpha</th></tr></thead>
<tbody>
${humanRows}
</tbody>
</table>
<h2>Machine with the coders</h2>
<p>ctacode's codes against ${escape(report.reference)}. — means undefined: precision without machine positives, recall without human positives, F1 without either.</p>
<table>
<thead><tr><th class="left">code</th><th class="left">label</th><th>posts</th><th>TP</th><th>FP</th><th>FN</th><th>TN</th><th>precision</th><th>recall</th><th>F1</th><th>Cohen's kappa</th><th>Krippendorff's alpha</th></tr></thead>
<tbody>
${machineRows}
</tbody>
</table>
<h2>Disagreements to adjudicate (${disagreements.length})</h2>
<p>Fill the <code>gold</code> column of <code>disagreements.csv</code>${disagreements.length > shownDisagreements ? ` (this page shows the first ${shownDisagreements})` : ''}, then run <code>ctacode reliability … --gold disagreements.csv</code>.</p>
<table>
<thead><tr><th class="left">post</th><th class="left">code</th><th class="left">who</th>${coders.map((c) => `<th>${escape(c)}</th>`).join('')}<th>majority</th><th>machine</th><th>gold</th><th class="left">evidence</th><th class="left">text</th></tr></thead>
<tbody>
${disagreementRows}
</tbody>
</table>
</body>
</html>
`;
}

function link(postId: string, url: string): string {
  return /^https?:\/\//.test(url) ? `<a href="${escape(url)}">${escape(postId)}</a>` : escape(postId);
}
