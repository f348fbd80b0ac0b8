/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A template tag whose interpolations are escaped unless they are `raw(...)` (already HTML). */
export class Raw {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}
export const raw = (html: string) => new Raw(html);

export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Raw(out);
}

function render(value: unknown): string {
  if (value instanceof Raw) return value.html;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(value);
}

const style = `
body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
header{background:#1f3a5f;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.2rem;align-items:center;flex-wrap:wrap}
header a{color:#fff;text-decoration:none}header strong{font-size:1.1rem;margin-right:1rem}
main{padding:1rem 1.2rem;max-width:1200px}
h1{font-size:1.4rem;margin:.4rem 0 1rem}h2{font-size:1.1rem;margin:1.6rem 0 .6rem}
table{border-collapse:collapse;background:#fff;width:100%;margin-bottom:1rem}
th,td{border:1px solid #dde1e6;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef1f5;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
.status{display:inline-block;padding:0 .45rem;border-radius:.6rem;font-size:.85rem;background:#dde1e6}
.status.completed{background:#cde9d6}.status.completed_with_errors{background:#f7e3b5}.status.failed,.status.unknown{background:#f3c4c4}
.status.running,.status.aggregating,.status.queued{background:#cfe0f5}
.box{background:#fff;border:1px solid #dde1e6;padding:.8rem 1rem;margin-bottom:1rem}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(360px,1fr));gap:1rem}
.charts figure{margin:0;background:#fff;border:1px solid #dde1e6;padding:.5rem}
figcaption{font-weight:600;margin-bottom:.3rem}.muted{color:#5d6875}.error{color:#a01c1c}
progress{width:8rem}pre{white-space:pre-wrap;word-break:break-word;margin:0;font-size:.85rem}
button,input[type=submit]{font:inherit;padding:.25rem .8rem}
`;

export interface PageOptions {
  title: string;
  /** Whether the Sign out link is shown (a token is in use). */
  signOut?: boolean;
}

export function page(options: PageOptions, body: Raw): string {
  return `<!doctype html>
${html`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${options.title} · ctacode</title><style>${raw(style)}</style></head>
<body><header><strong>ctacode</strong><a href="/">Runs</a><a href="/codebook">Codebook</a><a href="/schedules">Schedules</a><a href="/admin/queues">Queues</a><a href="/metrics">Metrics</a>${options.signOut ? html`<a href="/logout">Sign out</a>` : ''}</header>
<main>${body}</main></body></html>`}`;
}

export const formatNumber = (n: number | null | undefined) => (n === null || n === undefined ? '' : n.toLocaleString('en-US'));
