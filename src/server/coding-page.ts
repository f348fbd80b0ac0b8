import type { CodeColumn } from '../reliability/code-columns.js';
import { browserSheetName, isCoded, type CoderSheetState } from './browser-sheet.js';
import { formatNumber, html, page, raw, type Raw } from './html.js';

/**
 * The keys that toggle the codes: `a` for cta_any, 1–9 for the first nine categories, then letters
 * (never a, n or p, which have other jobs). Codebooks with more codes than keys leave the rest to
 * the mouse.
 */
export function codeKeys(codes: readonly CodeColumn[]): (string | null)[] {
  const keys = [...'123456789bcdefghijklmoqrstuvwxyz'];
  let next = 0;
  return codes.map((code) => (code.category === null ? 'a' : (keys[next++] ?? null)));
}

/** Only web links become links: a post's url could be javascript:… in a crafted export. */
export const webLink = (url: string) => (/^https?:\/\/[^\s]+$/i.test(url.trim()) ? url.trim() : '');

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((100 * part) / whole));

export interface CoderRow {
  coder: string;
  posts: number;
  coded: number;
  error?: string;
}

/** The run page's pointer to the coding pages, where the run has a sample. */
export function codingSection(runId: string, coders: readonly CoderRow[] | undefined): Raw | string {
  if (!coders) return '';
  return html`<h2>Validation sample</h2>
<p class="box" id="coding-link">Human coders can code this run's validation sample in the browser: <a href="/runs/${runId}/coding">Code in the browser</a>
<span class="muted">(${coders.map((c) => `${c.coder}: ${c.coded} of ${c.posts} coded`).join('; ')})</span></p>`;
}

/** The coders of a sample, their progress and their pages. */
export function codersPage(runId: string, coders: readonly CoderRow[], signOut: boolean): string {
  const sheets = coders.map((c) => browserSheetName(c.coder)).join(' ');
  return page(
    { title: `Coding ${runId}`, signOut },
    html`<h1>Coding the validation sample of run <a href="/runs/${runId}">${runId}</a></h1>
<p>Each coder codes their own posts, one at a time, alone. Every answer is saved on the server as it is given, to
<code>validation/browser/&lt;coder&gt;.csv</code> in the run directory: a sheet with the columns of the spreadsheet sheet, which
<code>ctacode reliability</code> reads like a filled spreadsheet. A coder codes either here or in the spreadsheet, not both.</p>
<table id="coders"><thead><tr><th>Coder</th><th>Progress</th><th>Sheet</th></tr></thead><tbody>
${coders.map(
  (c) => html`<tr data-coder="${c.coder}"><td><a href="/runs/${runId}/coding/${c.coder}">${c.coder}</a></td>
<td>${c.error ? html`<span class="error">${c.error}</span>` : html`<progress max="${Math.max(c.posts, 1)}" value="${c.coded}"></progress> ${formatNumber(c.coded)} of ${formatNumber(c.posts)} posts coded (${percent(c.coded, c.posts)} %)`}</td>
<td>${c.coded > 0 && !c.error ? html`<a href="/runs/${runId}/coding/${c.coder}/sheet.csv" download>${browserSheetName(c.coder)}</a>` : html`<span class="muted">nothing saved yet</span>`}</td></tr>`,
)}
</tbody></table>
<p class="muted">When the coders have finished: <code>npx ctacode reliability &lt;run_dir&gt; --coded ${sheets}</code>
(give a coder's spreadsheet sheet instead where they coded in the spreadsheet).</p>`,
  );
}

const style = `
.coding{display:grid;grid-template-columns:minmax(0,3fr) minmax(300px,2fr);gap:1rem;align-items:start}
@media (max-width:900px){.coding{grid-template-columns:1fr}}
#post-text{white-space:pre-wrap;word-break:break-word;font-size:1.05rem;margin:.6rem 0;min-height:3rem}
#codes label{display:flex;gap:.5rem;align-items:flex-start;padding:.3rem .4rem;border-radius:.3rem;cursor:pointer}
#codes label:hover{background:#eef1f5}#codes label.on{background:#dcebdc}
#codes .any{border-bottom:1px solid #dde1e6;margin-bottom:.3rem;padding-bottom:.5rem}
#codes input{margin-top:.25rem}#codes .def{font-size:.82rem;color:#5d6875}
kbd{display:inline-block;min-width:1.2em;text-align:center;border:1px solid #b9c0c8;border-bottom-width:2px;border-radius:.25rem;padding:0 .25rem;background:#fff;font:600 .85rem ui-monospace,monospace}
.nav{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center;margin-top:.6rem}
#save-status.saving{color:#5d6875}#save-status.saved{color:#1d6b32}#save-status.failed{color:#a01c1c;font-weight:600}
#posts tr{cursor:pointer}#posts tr.current{outline:2px solid #1f3a5f}#posts td.state{width:5rem}
#done{background:#cde9d6}
progress#progress{width:14rem}
`;

/** The coder's page: one post at a time, its codes as checkboxes with their keys, and the list of the coder's posts. */
export function codingPage(state: CoderSheetState, start: number, signOut: boolean): string {
  const keys = codeKeys(state.codes);
  const coded = state.posts.filter(isCoded).length;
  const total = state.posts.length;
  const api = `/api/runs/${state.runId}/coding/${encodeURIComponent(state.coder)}`;
  const data = {
    api,
    start,
    codes: state.codes.map((c, i) => ({ column: c.column, parent: c.parent, any: c.category === null, key: keys[i] })),
    posts: state.posts.map((p) => ({ platform: p.platform, post_id: p.post_id, text: p.text, url: webLink(p.url), rawUrl: p.url, links: p.links.split(';').map((l) => l.trim()).filter(Boolean), codes: p.codes })),
  };
  // JSON in a script element: `<` escaped so that no text of a post can close the element.
  const json = JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return page(
    { title: `Coding ${state.coder}`, signOut },
    html`<style>${raw(style)}</style>
<h1>${state.coder} · run <a href="/runs/${state.runId}">${state.runId}</a> <span class="muted">· <a href="/runs/${state.runId}/coding">all coders</a></span></h1>
<p><progress id="progress" max="${Math.max(total, 1)}" value="${coded}"></progress> <span id="progress-text">${coded} of ${total} posts coded</span>
· <span id="position"></span> · <span id="save-status" role="status"></span></p>
<p class="box" id="done" hidden></p>
<div class="coding">
<section class="box" id="post" aria-label="the post">
<div class="muted"><span id="post-platform"></span> · post <code id="post-id"></code> · <span id="post-url"></span></div>
<div id="post-text"></div>
<div id="post-links" class="muted"></div>
</section>
<section class="box" aria-label="codes"><form id="codes" onsubmit="return false">
${state.codes.map(
  (c, i) => html`<label class="${c.category === null ? 'any' : ''}" data-code="${c.column}" title="${c.definition}"><input type="checkbox" id="code-${c.column}" name="${c.column}">
<span>${keys[i] ? html`<kbd>${keys[i]}</kbd> ` : ''}<strong>${c.label}</strong> <code class="muted">${c.column}</code><br><span class="def">${c.definition}</span></span></label>`,
)}
</form>
<div class="nav"><button type="button" id="back"><kbd>←</kbd> Back</button><button type="button" id="skip"><kbd>n</kbd> Skip</button><button type="button" id="clear"><kbd>Del</kbd> Not coded</button><button type="button" id="next"><kbd>Enter</kbd> Save and next</button></div>
<p class="muted" id="keys-help">Keys: <kbd>a</kbd> and the keys shown toggle a code (a category also ticks Any call to action${state.codes.some((c) => c.parent) ? ' and its parent' : ''});
<kbd>Enter</kbd> or <kbd>→</kbd> saves the post as ticked (unticked = 0) and goes on; <kbd>←</kbd> or <kbd>p</kbd> goes back; <kbd>n</kbd> goes on and leaves an untouched post not coded (where you cannot judge it);
<kbd>Del</kbd> makes the post not coded again. Every tick is saved at once: reloading loses nothing and starts at the first post not coded.</p>
</section></div>
<h2>Posts of ${state.coder} (${total})</h2>
<p class="muted">Saved to <code>${state.browserSheet}</code> in the run directory${state.saved ? html` (<a href="/runs/${state.runId}/coding/${state.coder}/sheet.csv" download>download</a>)` : ''}; posts from <code>${state.blankSheet}</code>, in its order. Codebook ${state.codebook.id} ${state.codebook.version}.</p>
<table id="posts"><thead><tr><th>#</th><th>Coded</th><th>Post</th><th>Text</th></tr></thead><tbody>
${state.posts.map((p, i) => html`<tr data-index="${i}"><td class="n">${i + 1}</td><td class="state">${isCoded(p) ? '✓' : '—'}</td><td><code>${p.post_id}</code> <span class="muted">${p.platform}</span></td><td>${p.text.length > 140 ? `${p.text.slice(0, 140)}…` : p.text}</td></tr>`)}
</tbody></table>
<script type="application/json" id="coding-data">${raw(json)}</script>
${raw(`<script>${clientScript}</script>`)}`,
  );
}

/** Runs in the coder's browser: shows one post, keeps the checkboxes consistent, saves every answer. */
const clientScript = `
(() => {
  const data = JSON.parse(document.getElementById('coding-data').textContent);
  const { codes, posts } = data;
  const boxes = codes.map((c) => document.getElementById('code-' + c.column));
  const anyAt = codes.findIndex((c) => c.any);
  const byKey = new Map(codes.map((c, i) => [c.key, i]).filter(([k]) => k));
  const byColumn = new Map(codes.map((c, i) => [c.column, i]));
  const $ = (id) => document.getElementById(id);
  const rows = [...document.querySelectorAll('#posts tbody tr')];
  let current = Math.min(Math.max(data.start, 0), Math.max(posts.length - 1, 0));
  let chain = Promise.resolve();
  let pending = 0;

  const coded = (p) => p.codes.some((c) => c !== null);
  function status(text, kind) { const s = $('save-status'); s.textContent = text; s.className = kind; }
  function progress() {
    const n = posts.filter(coded).length;
    $('progress').value = n;
    $('progress-text').textContent = n + ' of ' + posts.length + ' posts coded';
    rows.forEach((row, i) => { row.querySelector('.state').textContent = coded(posts[i]) ? '\\u2713' : '\\u2014'; });
    return n;
  }
  function paint() { boxes.forEach((b) => b.closest('label').classList.toggle('on', b.checked)); }
  function show(i, done) {
    if (posts.length === 0) { $('position').textContent = 'no posts'; return; }
    current = Math.min(Math.max(i, 0), posts.length - 1);
    const p = posts[current];
    $('post-platform').textContent = p.platform;
    $('post-id').textContent = p.post_id;
    const url = $('post-url');
    url.textContent = '';
    if (p.url) { const a = document.createElement('a'); a.href = p.url; a.target = '_blank'; a.rel = 'noopener noreferrer'; a.textContent = 'open the post'; url.append(a); }
    else url.textContent = p.rawUrl ? p.rawUrl : 'no link';
    $('post-text').textContent = p.text || '(no text: open the post)';
    const links = $('post-links');
    links.textContent = '';
    if (p.links.length > 0) {
      links.append('Links in the post: ');
      p.links.forEach((l, k) => {
        if (k > 0) links.append(' · ');
        if (/^https?:\\/\\/\\S+$/i.test(l)) { const a = document.createElement('a'); a.href = l; a.target = '_blank'; a.rel = 'noopener noreferrer'; a.textContent = l; links.append(a); }
        else links.append(l);
      });
    }
    boxes.forEach((b, k) => { b.checked = p.codes[k] === 1; });
    paint();
    $('position').textContent = 'post ' + (current + 1) + ' of ' + posts.length + (coded(p) ? ' (coded)' : ' (not coded yet)');
    rows.forEach((row, k) => row.classList.toggle('current', k === current));
    const banner = $('done');
    if (done) {
      const left = posts.length - progress();
      banner.textContent = left === 0 ? 'All ' + posts.length + ' posts are coded. Thank you! You can still go back and change any answer.' : left + ' post(s) are not coded yet (\\u2014 in the list below).';
      banner.hidden = false;
    } else banner.hidden = true;
  }
  function save(i, values) {
    const p = posts[i];
    p.codes = values;
    progress();
    if (i === current) show(current);
    pending++;
    status('saving\\u2026', 'saving');
    const body = JSON.stringify({ platform: p.platform, post_id: p.post_id, codes: Object.fromEntries(codes.map((c, k) => [c.column, values[k]])) });
    chain = chain.then(async () => {
      try {
        const r = await fetch(data.api, { method: 'POST', keepalive: true, headers: { 'content-type': 'application/json', accept: 'application/json' }, body });
        if (!r.ok) throw new Error((await r.json().catch(() => ({}))).error || 'HTTP ' + r.status);
        pending--;
        if (pending === 0) status('saved', 'saved');
      } catch (e) {
        pending--;
        status('NOT SAVED: ' + e.message, 'failed');
      }
    });
    return chain;
  }
  const ticked = () => boxes.map((b) => (b.checked ? 1 : 0));
  function setBox(k, on) {
    boxes[k].checked = on;
    const c = codes[k];
    if (on && !c.any) {
      if (anyAt !== -1) boxes[anyAt].checked = true;
      if (c.parent && byColumn.has(c.parent)) setBox(byColumn.get(c.parent), true);
    }
    if (!on) codes.forEach((d, j) => { if (j !== k && (c.any ? !d.any : d.parent === c.column) && boxes[j].checked) setBox(j, false); });
  }
  function changed(k) { setBox(k, boxes[k].checked); paint(); save(current, ticked()); }
  function next() {
    save(current, ticked());
    if (current < posts.length - 1) show(current + 1); else show(current, true);
  }
  function skip() { if (current < posts.length - 1) show(current + 1); else show(current, true); }
  function back() { show(current - 1); }
  function clear() { boxes.forEach((b) => { b.checked = false; }); paint(); save(current, codes.map(() => null)); }

  boxes.forEach((b, k) => b.addEventListener('change', () => changed(k)));
  $('next').addEventListener('click', next);
  $('skip').addEventListener('click', skip);
  $('back').addEventListener('click', back);
  $('clear').addEventListener('click', clear);
  rows.forEach((row, i) => row.addEventListener('click', () => { show(i); window.scrollTo({ top: 0 }); }));
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || posts.length === 0) return;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    if (key === 'Enter' || key === 'ArrowRight') next();
    else if (key === 'ArrowLeft' || key === 'p') back();
    else if (key === 'n') skip();
    else if (key === 'Delete') clear();
    else if (byKey.has(key)) { const k = byKey.get(key); boxes[k].checked = !boxes[k].checked; changed(k); }
    else return;
    e.preventDefault();
  });
  window.addEventListener('beforeunload', (e) => { if (pending > 0) e.preventDefault(); });
  show(current, posts.length > 0 && posts.every(coded));
})();
`;
