import type { LoadedCodebook } from '../codebook/load-codebook.js';
import type { Schedule } from '../service/schedules.js';
import type { RunDetails, RunSummary } from '../service/run-catalog.js';
import type { CodebookCue } from '../types/contracts.js';
import { categoryChart, overTimeChart, sentimentChart, type RunFigures } from './charts.js';
import { formatNumber, html, page, raw, type Raw } from './html.js';

export interface PageContext {
  signOut: boolean;
  maxUploadFiles: number;
  maxUploadMb: number;
}

const statusBadge = (status: string) => html`<span class="status ${status}" data-status>${status.replace(/_/g, ' ')}</span>`;

function progressCell(run: RunSummary): Raw {
  if (run.status === 'failed') return html`<span class="error">${run.error ?? 'failed'}</span>`;
  if (run.totals) return html`${formatNumber(run.totals.rows_accepted)} posts, ${formatNumber(run.totals.cta_posts)} with a CTA`;
  if (run.progress) return html`<progress max="${Math.max(run.progress.queued, 1)}" value="${run.progress.coded}"></progress> ${formatNumber(run.progress.coded)} / ${formatNumber(run.progress.queued)} posts`;
  return html`<span class="muted">${run.error ?? ''}</span>`;
}

export function runRow(run: RunSummary): Raw {
  return html`<tr data-run="${run.runId}"><td><a href="/runs/${run.runId}">${run.runId}</a></td><td>${statusBadge(run.status)}</td><td>${run.files.join(', ')}</td><td data-progress>${progressCell(run)}</td><td>${run.createdAt?.replace('T', ' ').slice(0, 19) ?? ''}</td></tr>`;
}

/** Polls the JSON API and replaces the rows (or reloads the run page) while runs are going. */
const liveScript = (mode: 'list' | 'run', runId = '') =>
  raw(`<script>
(() => {
  const mode = ${JSON.stringify(mode)}, runId = ${JSON.stringify(runId)};
  const done = (s) => ['completed', 'completed_with_errors', 'failed', 'unknown'].includes(s);
  async function tick() {
    try {
      if (mode === 'run') {
        const r = await fetch('/api/runs/' + runId, { headers: { accept: 'application/json' } });
        if (r.ok) {
          const run = await r.json();
          if (done(run.status)) { location.reload(); return; }
          const p = document.querySelector('[data-progress]');
          if (p && run.progress) p.innerHTML = '<progress max="' + Math.max(run.progress.queued, 1) + '" value="' + run.progress.coded + '"></progress> ' + run.progress.coded + ' / ' + run.progress.queued + ' posts coded';
          const s = document.querySelector('[data-status]');
          if (s) { s.textContent = run.status.replace(/_/g, ' '); s.className = 'status ' + run.status; }
        }
      } else {
        const r = await fetch('/api/runs?html=1', { headers: { accept: 'application/json' } });
        if (r.ok) {
          const body = await r.json();
          const tbody = document.querySelector('#runs tbody');
          if (tbody) tbody.innerHTML = body.html;
        }
      }
    } catch {}
    setTimeout(tick, 1500);
  }
  setTimeout(tick, 1500);
})();
</script>`);

export function runsPage(runs: RunSummary[], context: PageContext, notice?: string): string {
  return page(
    { title: 'Runs', signOut: context.signOut },
    html`<h1>Runs</h1>
${notice ? html`<p class="box">${notice}</p>` : ''}
<form class="box" method="post" action="/api/uploads" enctype="multipart/form-data">
<strong>Code export files</strong> — one or more files become one run (up to ${context.maxUploadFiles} files, ${context.maxUploadMb} MB each).<br>
<input type="file" name="files" multiple required>
<label><input type="checkbox" name="recode" value="1"> code again even if already coded</label>
<input type="submit" value="Upload and code"></form>
<p class="muted">Or drop files into the inbox folder of the data folder; each becomes a run once fully written.</p>
<table id="runs"><thead><tr><th>Run</th><th>Status</th><th>Files</th><th>Progress</th><th>Submitted (UTC)</th></tr></thead>
<tbody>${runs.map(runRow)}</tbody></table>
${runs.length === 0 ? html`<p class="muted">No runs yet.</p>` : ''}
${liveScript('list')}`,
  );
}

export function runPage(run: RunDetails, figures: RunFigures | undefined, rejected: { rows: Record<string, string>[]; total: number } | undefined, context: PageContext, coding: Raw | string = ''): string {
  const m = run.manifest;
  const finished = Boolean(m) || run.status === 'failed' || run.status === 'unknown';
  const inputs = m?.inputs ?? [];
  return page(
    { title: `Run ${run.runId}`, signOut: context.signOut },
    html`<h1>Run ${run.runId} ${statusBadge(run.status)}</h1>
${!finished ? html`<p class="box" data-progress>${progressCell(run)}</p>${liveScript('run', run.runId)}` : ''}
${run.error ? html`<p class="box error">${run.error}</p>` : ''}
${m
  ? html`<div class="box"><table><tbody>
<tr><th>Posts coded</th><td class="n">${formatNumber(m.totals.rows_accepted)}</td><th>With a call to action</th><td class="n">${formatNumber(m.totals.cta_posts)} (${m.totals.rows_accepted ? ((100 * m.totals.cta_posts) / m.totals.rows_accepted).toFixed(1) : '0.0'} %)</td></tr>
<tr><th>Rows read</th><td class="n">${formatNumber(m.totals.rows_read)}</td><th>Rejected / duplicates</th><td class="n">${formatNumber(m.totals.rows_rejected)} / ${formatNumber(m.totals.rows_duplicate)}</td></tr>
<tr><th>Codebook</th><td>${m.codebook.id} ${m.codebook.version}</td><th>Software</th><td>ctacode ${m.software.version}, Node ${m.software.node}</td></tr>
<tr><th>Submitted</th><td>${m.created_at}</td><th>Finished</th><td>${m.finished_at}</td></tr>
</tbody></table></div>
<h2>Input files</h2>
<table><thead><tr><th>File</th><th>Status</th><th>Format</th><th>Rows read</th><th>Accepted</th><th>Rejected</th><th>Duplicates</th><th>sha256</th></tr></thead><tbody>
${inputs.map((i) => html`<tr><td>${i.file}</td><td>${statusBadge(i.status === 'coded' ? 'completed' : 'failed')}${i.error ? html`<div class="error">${i.error}</div>` : ''}</td><td>${i.format ?? ''}</td><td class="n">${formatNumber(i.rows_read)}</td><td class="n">${formatNumber(i.rows_accepted)}</td><td class="n">${formatNumber(i.rows_rejected)}</td><td class="n">${formatNumber(i.rows_duplicate)}</td><td><code>${(i.sha256 ?? '').slice(0, 12)}</code></td></tr>`)}
</tbody></table>`
  : ''}
${run.inputs ? html`<p class="muted">Input files moved to: ${run.inputs.map((f) => `${f.name} → ${f.status}/`).join(', ')}</p>
<form method="post" action="/runs/${run.runId}/recode"><input type="submit" value="Code again"> <span class="muted">codes this run's input files again as a new run (e.g. after changing the codebook)</span></form>` : ''}
<h2>Downloads</h2>
${run.outputs.length > 0 ? html`<ul id="downloads">${run.outputs.map((name) => html`<li><a href="/runs/${run.runId}/files/${encodeURIComponent(name)}" download>${name}</a>${m?.outputs.find((o) => o.file === name)?.rows != null ? html` <span class="muted">(${formatNumber(m?.outputs.find((o) => o.file === name)?.rows)} rows)</span>` : ''}</li>`)}</ul>` : html`<p class="muted">Nothing to download yet.</p>`}
${coding}
${figures
  ? html`<h2>Charts</h2><div class="charts">
<figure><figcaption>CTA share per category (% of ${formatNumber(figures.posts)} posts)</figcaption>${raw(categoryChart(figures))}</figure>
<figure><figcaption>CTA posts over time (dark) of all posts (light)</figcaption>${raw(overTimeChart(figures))}</figure>
<figure><figcaption>Sentiment score distribution</figcaption>${raw(sentimentChart(figures))}</figure></div>`
  : ''}
${rejected
  ? html`<h2>Rejected rows (${formatNumber(rejected.total)})</h2>
${rejected.rows.length > 0 ? html`<table><thead><tr><th>File</th><th>Line</th><th>Reason</th><th>Raw row</th></tr></thead><tbody>${rejected.rows.map((r) => html`<tr><td>${r.file}</td><td class="n">${r.line}</td><td>${r.reason}</td><td><pre>${(r.raw ?? '').slice(0, 300)}</pre></td></tr>`)}</tbody></table>${rejected.total > rejected.rows.length ? html`<p class="muted">The first ${rejected.rows.length} shown; download rejected_rows.csv for all.</p>` : ''}` : html`<p class="muted">None.</p>`}`
  : ''}`,
  );
}

const cueText = (cue: CodebookCue) => (typeof cue === 'string' ? cue : cue.cue);

export function codebookPage(codebook: LoadedCodebook, context: PageContext, validation?: { file: string; ok: boolean; problems: string[]; summary?: string }): string {
  const doc = codebook.document;
  return page(
    { title: 'Codebook', signOut: context.signOut },
    html`<h1>Codebook ${doc.id} ${doc.version}</h1>
<p>${doc.title}</p><p class="muted">${doc.description ?? ''}</p>
<form class="box" method="post" action="/codebook/validate" enctype="multipart/form-data">
<strong>Check a codebook</strong>: upload a codebook YAML to validate it (schema, references, cue syntax and its own examples).<br>
<input type="file" name="codebook" accept=".yaml,.yml" required> <input type="submit" value="Validate"></form>
${validation
  ? html`<div class="box" id="validation">${validation.ok ? html`<p><strong>${validation.file}</strong> is a valid codebook: ${validation.summary ?? ''}</p>` : html`<p class="error"><strong>${validation.file}</strong> has ${validation.problems.length} problem${validation.problems.length === 1 ? '' : 's'}:</p><ul>${validation.problems.map((p) => html`<li>${p}</li>`)}</ul>`}</div>`
  : ''}
<p>Languages: ${doc.languages.join(', ')}.</p>
${doc.functions.map(
  (fn) => html`<h2>${fn.label} <span class="muted">(${fn.id})</span></h2><p>${fn.definition}</p>
<table><thead><tr><th>Category</th><th>Definition</th><th>Cues</th><th>Examples</th></tr></thead><tbody>
${doc.categories
  .filter((c) => c.function === fn.id)
  .map(
    (c) => html`<tr><td><strong>${c.label}</strong><br><code>cta_${c.id}</code></td><td>${c.definition}</td><td>${Object.entries(c.cues).map(
      ([lang, cues]) => html`<div><em>${lang}</em>: ${Object.entries(cues)
        .map(([kind, list]) => `${kind}: ${(list as CodebookCue[]).slice(0, 12).map(cueText).join(', ')}${(list as CodebookCue[]).length > 12 ? ` … (${(list as CodebookCue[]).length})` : ''}`)
        .join('; ')}</div>`,
    )}</td><td>${Object.entries(c.examples ?? {}).map(
      ([lang, ex]) => html`<div><em>${lang}</em>: ${(ex.positive ?? []).slice(0, 3).map((t) => html`<div>✓ ${t}</div>`)}${(ex.negative ?? []).slice(0, 2).map((t) => html`<div class="muted">✗ ${t}</div>`)}</div>`,
    )}</td></tr>`,
  )}
</tbody></table>`,
)}`,
  );
}

export function schedulesPage(schedules: Schedule[], defaultInbox: string, context: PageContext, message?: { error?: string; info?: string }): string {
  return page(
    { title: 'Schedules', signOut: context.signOut },
    html`<h1>Schedules</h1>
<p>A schedule sweeps a folder at the times of a cron pattern: every export file in it becomes part of one run, and the files then move to processed/ or failed/ of the data folder. Schedules live in Redis and survive restarts.</p>
${message?.error ? html`<p class="box error">${message.error}</p>` : ''}${message?.info ? html`<p class="box">${message.info}</p>` : ''}
<table id="schedules"><thead><tr><th>Id</th><th>When</th><th>Time zone</th><th>Folder</th><th>Next run (UTC)</th><th></th></tr></thead><tbody>
${schedules.map(
  (s) => html`<tr><td>${s.id}</td><td><code>${s.cron ?? `every ${s.every} ms`}</code></td><td>${s.tz ?? 'UTC'}</td><td>${s.inbox}</td><td>${s.next?.replace('T', ' ').slice(0, 19) ?? ''}</td>
<td><form method="post" action="/schedules/${encodeURIComponent(s.id)}/remove"><input type="submit" value="Remove"></form></td></tr>`,
)}
</tbody></table>
${schedules.length === 0 ? html`<p class="muted">No schedules.</p>` : ''}
<form class="box" method="post" action="/schedules"><strong>Add a schedule</strong><br>
<label>Cron <input name="cron" placeholder="0 3 * * *" required></label>
<label>Time zone <input name="tz" placeholder="Europe/Copenhagen"></label>
<label>Folder <input name="inbox" size="40" value="${defaultInbox}" required></label>
<label>Id <input name="id" placeholder="(optional)"></label>
<input type="submit" value="Add"></form>`,
  );
}
