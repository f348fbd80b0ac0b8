/**
 * What a post costs in each stage of a coding job, in one thread, on a synthetic export:
 * `npx tsx bench/coding-stages.ts [posts]` (default 100,000; the file is the one `npm run bench`
 * writes to bench/.data/). Cuts the file into segments as ingest does, then for each batch times
 * reading its segment, codePost, rendering its rows and entries, and writing its part files, and
 * reports garbage collection (which falls inside the stages) on its own line. Beside each stage's
 * time, the process's CPU time in it: more than the time where helper threads work alongside
 * (V8's garbage collector and compiler, libuv's file I/O).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { renderCodedPart, writeCodedPart } from '../src/aggregate/coded-part.js';
import { PartLog } from '../src/aggregate/part-log.js';
import { loadCodebook } from '../src/codebook/load-codebook.js';
import { codePost } from '../src/coding/code-post.js';
import { readCsvSegment } from '../src/formats/open-export.js';
import { runLayout } from '../src/runs/run-layout.js';
import type { Post } from '../src/types/contracts.js';
import { defaultRendering, exportBatches } from './export-batches.js';
import { writeSyntheticExport } from './generate.js';

const size = Number(process.argv[2] ?? 100_000);
const file = join(new URL('.', import.meta.url).pathname, '.data', `crowdtangle-${size}.csv`);
if (!existsSync(file)) await writeSyntheticExport(size, file);

const { compiled } = await loadCodebook();
const { layout, segments } = await exportBatches(file);

const runDir = await mkdtemp(join(tmpdir(), 'ctacode-stages-'));
await mkdir(runLayout.work(runDir));
const log = new PartLog(runDir);
const rendering = defaultRendering(compiled);

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({ entryTypes: ['gc'] });

const ms = { read: 0, code: 0, render: 0, write: 0 };
const cpuMs = { read: 0, code: 0, render: 0, write: 0 };
let posts = 0;
for (const [batch, segment] of segments.entries()) {
  let at = performance.now();
  let cpuAt = process.cpuUsage();
  const lap = (stage: keyof typeof ms) => {
    const now = performance.now();
    ms[stage] += now - at;
    at = now;
    const cpu = process.cpuUsage(cpuAt);
    cpuMs[stage] += (cpu.user + cpu.system) / 1000;
    cpuAt = process.cpuUsage();
  };
  const read: Post[] = [];
  for await (const row of readCsvSegment(file, layout, segment)) if (row.kind === 'post') read.push(row.post);
  lap('read');
  const coded = read.map((post) => codePost(post, compiled));
  lap('code');
  const part = renderCodedPart(coded, rendering);
  lap('render');
  writeCodedPart(log, 0, batch, part);
  lap('write');
  posts += read.length;
}
await rm(runDir, { recursive: true, force: true });

const perPost = (value: number) => `${((value * 1000) / posts).toFixed(1).padStart(6)} µs`;
console.log(`${posts.toLocaleString('en-US')} posts in ${segments.length} batches, one thread, µs per post:`);
for (const [stage, value] of Object.entries(ms)) console.log(`  ${stage.padEnd(7)}${perPost(value)}   (CPU of the process ${perPost(cpuMs[stage as keyof typeof cpuMs])})`);
console.log(`  total  ${perPost(Object.values(ms).reduce((a, b) => a + b, 0))}  (of which garbage collection ${perPost(gcMs)})`);
