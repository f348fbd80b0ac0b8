import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parse } from 'csv-parse';
import { loadCodebook } from '../codebook/load-codebook.js';
import { runLayout } from '../runs/run-layout.js';
import { escapeHtml } from './html.js';

/** The figures behind a run page's charts, computed by streaming coded_posts.csv once. */
export interface RunFigures {
  posts: number;
  ctaPosts: number;
  categories: { id: string; label: string; posts: number }[];
  /** CTA posts and all posts per day (YYYY-MM-DD) or, over long spans, per month (YYYY-MM). */
  overTime: { period: string; posts: number; ctaPosts: number }[];
  /** Posts per sentiment_score, rounded and clipped to ±10. */
  sentiment: { score: number; posts: number }[];
}

const cache = new Map<string, { mtimeMs: number; figures: Promise<RunFigures> }>();

export async function runFigures(runDir: string): Promise<RunFigures | undefined> {
  const csv = runLayout.output(runDir, 'coded_posts.csv');
  const info = await stat(csv).catch(() => undefined);
  if (!info) return undefined;
  const hit = cache.get(runDir);
  if (hit && hit.mtimeMs === info.mtimeMs) return hit.figures;
  const figures = computeFigures(runDir, csv);
  cache.set(runDir, { mtimeMs: info.mtimeMs, figures });
  if (cache.size > 32) cache.delete(cache.keys().next().value!);
  figures.catch(() => cache.delete(runDir));
  return figures;
}

async function computeFigures(runDir: string, csv: string): Promise<RunFigures> {
  const { compiled } = await loadCodebook(runLayout.codebook(runDir));
  const categories = compiled.categories.map((c) => ({ id: c.id, label: c.label, posts: 0 }));
  const days = new Map<string, { posts: number; ctaPosts: number }>();
  const sentiment = new Map<number, number>();
  let posts = 0;
  let ctaPosts = 0;
  const parser = createReadStream(csv).pipe(parse({ columns: true, bom: true, relax_column_count: true }));
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    posts++;
    const cta = row.cta_any === '1';
    if (cta) ctaPosts++;
    for (const category of categories) if (row[`cta_${category.id}`] === '1') category.posts++;
    const day = (row.created_at ?? '').slice(0, 10);
    if (/^\d{4}-\d{2}-\d{2}$/.test(day)) {
      const entry = days.get(day) ?? { posts: 0, ctaPosts: 0 };
      entry.posts++;
      if (cta) entry.ctaPosts++;
      days.set(day, entry);
    }
    const score = Number(row.sentiment_score);
    if (row.sentiment_score !== '' && Number.isFinite(score)) {
      const bin = Math.max(-10, Math.min(10, Math.round(score)));
      sentiment.set(bin, (sentiment.get(bin) ?? 0) + 1);
    }
  }
  return { posts, ctaPosts, categories, overTime: periods(days), sentiment: [...sentiment.entries()].sort((a, b) => a[0] - b[0]).map(([score, n]) => ({ score, posts: n })) };
}

/** Days when the run spans up to 120 of them, else months; empty days and months are included. */
function periods(days: Map<string, { posts: number; ctaPosts: number }>): RunFigures['overTime'] {
  if (days.size === 0) return [];
  const sorted = [...days.keys()].sort();
  const first = new Date(`${sorted[0]}T00:00:00Z`);
  const last = new Date(`${sorted.at(-1)}T00:00:00Z`);
  const spanDays = (last.getTime() - first.getTime()) / 86_400_000 + 1;
  const byMonth = spanDays > 120;
  const out = new Map<string, { posts: number; ctaPosts: number }>();
  for (let d = new Date(first); d <= last; byMonth ? d.setUTCMonth(d.getUTCMonth() + 1, 1) : d.setUTCDate(d.getUTCDate() + 1)) {
    out.set(d.toISOString().slice(0, byMonth ? 7 : 10), { posts: 0, ctaPosts: 0 });
  }
  for (const [day, value] of days) {
    const key = byMonth ? day.slice(0, 7) : day;
    const entry = out.get(key) ?? { posts: 0, ctaPosts: 0 };
    entry.posts += value.posts;
    entry.ctaPosts += value.ctaPosts;
    out.set(key, entry);
  }
  return [...out.entries()].map(([period, v]) => ({ period, ...v }));
}

const percent = (part: number, whole: number) => (whole === 0 ? 0 : (100 * part) / whole);

/** Horizontal bars: the share of posts coded for each category. */
export function categoryChart(figures: RunFigures): string {
  const rowHeight = 22;
  const labelWidth = 130;
  const barWidth = 300;
  const height = figures.categories.length * rowHeight + 10;
  const max = Math.max(1, ...figures.categories.map((c) => percent(c.posts, figures.posts)));
  const bars = figures.categories.map((c, i) => {
    const share = percent(c.posts, figures.posts);
    const y = 5 + i * rowHeight;
    const w = (barWidth * share) / max;
    return `<text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end">${escapeHtml(c.label)}</text><rect x="${labelWidth}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowHeight - 6}" fill="#2f6db5"><title>${escapeHtml(c.label)}: ${c.posts} posts (${share.toFixed(1)} %)</title></rect><text x="${(labelWidth + w + 4).toFixed(1)}" y="${y + 15}">${share.toFixed(1)} %</text>`;
  });
  return svg(labelWidth + barWidth + 60, height, 'CTA share per category', bars.join(''));
}

/** Columns: CTA posts (dark) over all posts (light) per period. */
export function overTimeChart(figures: RunFigures): string {
  const data = figures.overTime;
  const width = 460;
  const height = 200;
  const left = 40;
  const bottom = 30;
  const plotW = width - left - 10;
  const plotH = height - bottom - 10;
  const max = Math.max(1, ...data.map((d) => d.posts));
  const step = data.length > 0 ? plotW / data.length : plotW;
  const barW = Math.max(1, step * 0.8);
  const parts: string[] = [];
  data.forEach((d, i) => {
    const x = left + i * step;
    const hAll = (plotH * d.posts) / max;
    const hCta = (plotH * d.ctaPosts) / max;
    parts.push(`<rect x="${x.toFixed(1)}" y="${(10 + plotH - hAll).toFixed(1)}" width="${barW.toFixed(1)}" height="${hAll.toFixed(1)}" fill="#c9d8ec"/>`);
    parts.push(`<rect x="${x.toFixed(1)}" y="${(10 + plotH - hCta).toFixed(1)}" width="${barW.toFixed(1)}" height="${hCta.toFixed(1)}" fill="#2f6db5"><title>${escapeHtml(d.period)}: ${d.ctaPosts} CTA posts of ${d.posts}</title></rect>`);
  });
  const first = data[0]?.period ?? '';
  const last = data.at(-1)?.period ?? '';
  parts.push(axes(left, plotW, plotH, max));
  parts.push(`<text x="${left}" y="${height - 8}">${escapeHtml(first)}</text><text x="${left + plotW}" y="${height - 8}" text-anchor="end">${escapeHtml(last)}</text>`);
  if (data.length === 0) parts.push(`<text x="${left + 10}" y="${height / 2}">no dates</text>`);
  return svg(width, height, 'CTA posts over time', parts.join(''));
}

/** Columns: posts per sentiment score (rounded, clipped to ±10). */
export function sentimentChart(figures: RunFigures): string {
  const width = 460;
  const height = 200;
  const left = 40;
  const bottom = 30;
  const plotW = width - left - 10;
  const plotH = height - bottom - 10;
  const counts = new Map(figures.sentiment.map((s) => [s.score, s.posts]));
  const max = Math.max(1, ...figures.sentiment.map((s) => s.posts));
  const step = plotW / 21;
  const parts: string[] = [];
  for (let score = -10; score <= 10; score++) {
    const n = counts.get(score) ?? 0;
    const h = (plotH * n) / max;
    const x = left + (score + 10) * step;
    const fill = score < 0 ? '#c0504d' : score > 0 ? '#4f9a5b' : '#8a96a3';
    parts.push(`<rect x="${(x + step * 0.1).toFixed(1)}" y="${(10 + plotH - h).toFixed(1)}" width="${(step * 0.8).toFixed(1)}" height="${h.toFixed(1)}" fill="${fill}"><title>score ${score === -10 ? '≤ −10' : score === 10 ? '≥ 10' : score}: ${n} posts</title></rect>`);
  }
  parts.push(axes(left, plotW, plotH, max));
  parts.push(`<text x="${left}" y="${height - 8}">≤ −10</text><text x="${left + plotW / 2}" y="${height - 8}" text-anchor="middle">0</text><text x="${left + plotW}" y="${height - 8}" text-anchor="end">≥ 10</text>`);
  return svg(width, height, 'Sentiment score distribution', parts.join(''));
}

function axes(left: number, plotW: number, plotH: number, max: number): string {
  return `<line x1="${left}" y1="${10 + plotH}" x2="${left + plotW}" y2="${10 + plotH}" stroke="#5d6875"/><line x1="${left}" y1="10" x2="${left}" y2="${10 + plotH}" stroke="#5d6875"/><text x="${left - 4}" y="18" text-anchor="end">${max}</text><text x="${left - 4}" y="${10 + plotH}" text-anchor="end">0</text>`;
}

function svg(width: number, height: number, title: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeHtml(title)}" font-family="system-ui,sans-serif" font-size="12" fill="#1d232a">${body}</svg>`;
}
