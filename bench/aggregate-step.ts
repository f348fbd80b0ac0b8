/**
 * The aggregate step alone, on a run coded once: `npx tsx bench/aggregate-step.ts [posts] [rounds]`
 * (default 1,000,000 posts and 3 rounds; the synthetic export is the one `npm run bench` writes to
 * bench/.data/, written first if missing). Codes the export in one thread into a run folder, as
 * the coding jobs would, then runs writeRun on a copy of that folder (hard links) once per round,
 * each in a process of its own started as bin/ctacode.js starts, on the compiled build
 * (bench/aggregate-round.mjs; `npm run build` makes it), and prints each round's wall
 * time, CPU time (the main thread and the link thread together) and page faults, then their
 * medians. The aggregate step is about a quarter of a run; alone, a change to it is measured
 * without the coding phase's swing.
 */
import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderCodedPart, writeCodedPart } from '../src/aggregate/coded-part.js';
import { PartLog } from '../src/aggregate/part-log.js';
import { defaultCodebook } from '../src/codebook/default-codebook.js';
import { loadCodebook } from '../src/codebook/load-codebook.js';
import { codePost } from '../src/coding/code-post.js';
import { readCsvSegment } from '../src/formats/open-export.js';
import type { FileSummary, RunSpec } from '../src/queue/job-types.js';
import { codingNodeEnv, codingNodeFlags } from '../src/runtime/node-settings.js';
import { runLayout } from '../src/runs/run-layout.js';
import { buildIsCurrent } from '../bin/current-build.js';
import { defaultRendering, exportBatches } from './export-batches.js';
import { writeSyntheticExport } from './generate.js';
import { medianIndex } from './measurement-drift.js';
import { scriptOutput } from './script-output.js';
import { isWholeAboveZero } from './synthetic-posts.js';

interface Round {
  seconds: number;
  cpuSeconds: number;
  faults: number;
}

interface CodedRun {
  spec: RunSpec;
  summary: FileSummary;
}

const roundScript = fileURLToPath(new URL('aggregate-round.mjs', import.meta.url));

/** Codes `file` into a new run folder in one thread: the parts the coding jobs would leave. */
async function codedRun(file: string, runDir: string): Promise<CodedRun> {
  await mkdir(runLayout.work(runDir), { recursive: true });
  await copyFile(defaultCodebook, runLayout.codebook(runDir));
  const { compiled } = await loadCodebook(runLayout.codebook(runDir));
  const { layout, segments } = await exportBatches(file);
  const rendering = defaultRendering(compiled);
  // Two logs, as the two coding threads of `ctacode run --workers 2` leave them.
  const logs = [new PartLog(runDir), new PartLog(runDir)];
  let posts = 0;
  for (const [batch, segment] of segments.entries()) {
    const coded = [];
    for await (const row of readCsvSegment(file, layout, segment)) if (row.kind === 'post') coded.push(codePost(row.post, compiled));
    posts += coded.length;
    writeCodedPart(logs[batch % 2]!, 0, batch, renderCodedPart(coded, rendering));
  }
  const name = file.split('/').pop()!;
  const summary: FileSummary = { index: 0, name, path: file, sha256: '', bytes: (await stat(file)).size, format: layout.format, encoding: layout.encoding, rowsRead: posts, rowsParsed: posts, rowsRejected: 0, batches: segments.length };
  const spec: RunSpec = { runId: 'aggregate-step', runDir, createdAt: new Date().toISOString(), files: [{ index: 0, name, path: file }], batchSize: 1000 };
  return { spec, summary };
}

/** A copy of a folder whose files are hard links: writeRun removes the run's work folder when done. */
async function linkedCopy(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (entry.isDirectory()) await linkedCopy(join(from, entry.name), join(to, entry.name));
    else await link(join(from, entry.name), join(to, entry.name));
  }
}

/** One round, in a process of its own (bench/aggregate-round.mjs). */
async function round(run: CodedRun): Promise<Round> {
  const output = await scriptOutput([...codingNodeFlags, roundScript, JSON.stringify(run)], `bench/aggregate-round.mjs on ${run.spec.runDir}`, codingNodeEnv(process.env));
  return JSON.parse(output) as Round;
}

const [postsText = '1000000', roundsText = '3'] = process.argv.slice(2);
const size = Number(postsText);
const rounds = Number(roundsText);
if (!isWholeAboveZero(size) || !isWholeAboveZero(rounds)) {
  console.error(`usage: npx tsx bench/aggregate-step.ts [posts] [rounds] (whole numbers above 0; got ${JSON.stringify(process.argv.slice(2))})`);
  process.exit(2);
}
if (!buildIsCurrent()) {
  console.error('bench/aggregate-step.ts times the compiled build, which is older than the sources: run `npm run build` first');
  process.exit(2);
}
const file = join(fileURLToPath(new URL('.', import.meta.url)), '.data', `crowdtangle-${size}.csv`);
if (!existsSync(file)) await writeSyntheticExport(size, file);
const dir = await mkdtemp(join(tmpdir(), 'ctacode-aggregate-step-'));
try {
  const coded = await codedRun(file, join(dir, 'coded'));
  console.log(`${size.toLocaleString('en-US')} posts coded into ${coded.summary.batches} batches; the aggregate step alone:`);
  const results: Round[] = [];
  for (let i = 0; i < rounds; i++) {
    const runDir = join(dir, `round-${i}`);
    await linkedCopy(coded.spec.runDir, runDir);
    const result = await round({ ...coded, spec: { ...coded.spec, runDir } });
    results.push(result);
    console.log(`  round ${i + 1}: ${result.seconds.toFixed(2)} s, ${result.cpuSeconds.toFixed(2)} core-seconds, ${result.faults.toLocaleString('en-US')} page faults`);
    await rm(runDir, { recursive: true, force: true });
  }
  const median = (pick: (r: Round) => number) => {
    const values = results.map(pick);
    return values[medianIndex(values)]!;
  };
  console.log(`  medians: ${median((r) => r.seconds).toFixed(2)} s, ${median((r) => r.cpuSeconds).toFixed(2)} core-seconds, ${median((r) => r.faults).toLocaleString('en-US')} page faults`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
