/**
 * The benchmark harness (`npm run bench [-- --sizes 10000,100000,1000000] [--workers 2]`): for each size, on the
 * same synthetic file and in one run, the parsing floor (csv-parse alone), `ctacode run` end to
 * end, their ratio, peak memory of ctacode and of Redis, and coding alone per core. Prints a
 * table and writes bench/results/latest.json so that a change can be compared with the last one.
 *
 * These machines' speed drifts by a fifth within minutes, so the floor is measured right before
 * and right after each run and the ratio is taken against their mean; the CPU time ctacode used
 * (user + system, all threads) is printed too, as it moves less with the machine than wall time.
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { Redis } from 'ioredis';
import { loadCodebook } from '../src/codebook/load-codebook.js';
import { codePost } from '../src/coding/code-post.js';
import { openExport } from '../src/formats/open-export.js';
import type { Post } from '../src/types/contracts.js';
import { deleteKeys } from '../test/support/pipeline-harness.js';
import { writeSyntheticExport } from './generate.js';

const root = new URL('..', import.meta.url).pathname;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Result {
  posts: number;
  bytes: number;
  /** The mean of the floor measured before and after the run. */
  floorSeconds: number;
  floorBeforeAfterSeconds: [number, number];
  endToEndSeconds: number;
  postsPerSecond: number;
  ratio: number;
  /** Of the end to end time: until every batch is coded, and the aggregate step after. */
  codingSeconds: number;
  aggregateSeconds: number;
  peakRssMb: number;
  redisPeakMb: number;
  /** CPU time of the ctacode process, all its threads, user + system (sampled every 100 ms). */
  cpuSeconds: number;
  codingPostsPerSecondPerCore: number;
}

async function parsingFloor(file: string): Promise<number> {
  const started = performance.now();
  let records = 0;
  for await (const _ of createReadStream(file).pipe(parse({ bom: true, relax_column_count: true }))) records++;
  if (records === 0) throw new Error(`${file}: no records`);
  return (performance.now() - started) / 1000;
}

/** Clock ticks per second of /proc/PID/stat's CPU times (USER_HZ, 100 on Linux). */
const CLOCK_TICKS = 100;

/** Peak resident memory and CPU time of a process, read from /proc while it runs. */
function usageOf(pid: number): () => { peakRssMb: number; cpuSeconds: number } {
  let peakKb = 0;
  let cpuTicks = 0;
  const timer = setInterval(() => {
    void readFile(`/proc/${pid}/status`, 'utf8')
      .then((status) => {
        const hwm = /VmHWM:\s+(\d+)/.exec(status);
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      })
      .catch(() => undefined);
    void readFile(`/proc/${pid}/stat`, 'utf8')
      .then((stat) => {
        // utime and stime are fields 14 and 15; the command name before them may hold spaces.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        cpuTicks = Math.max(cpuTicks, Number(fields[11]) + Number(fields[12]));
      })
      .catch(() => undefined);
  }, 100);
  return () => {
    clearInterval(timer);
    return { peakRssMb: peakKb / 1024, cpuSeconds: cpuTicks / CLOCK_TICKS };
  };
}

/**
 * The run's two phases from its log: submit until the aggregate step starts (reading and coding,
 * on every core), and the aggregate step (deduplicating and writing the files: the main thread
 * and, from 100,000 rows, the link thread beside it).
 */
async function phasesOf(logFile: string): Promise<{ codingSeconds: number; aggregateSeconds: number }> {
  const entries = (await readFile(logFile, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { time: number; msg: string; status?: string });
  const at = (test: (e: (typeof entries)[number]) => boolean) => entries.find(test)?.time ?? Number.NaN;
  const submitted = at((e) => e.msg === 'run submitted');
  const aggregating = at((e) => e.msg === 'every batch coded; writing the run');
  const finished = at((e) => e.status !== undefined);
  return { codingSeconds: (aggregating - submitted) / 1000, aggregateSeconds: (finished - aggregating) / 1000 };
}

async function endToEnd(file: string, workers: number): Promise<{ seconds: number; peakRssMb: number; cpuSeconds: number; redisPeakMb: number; codingSeconds: number; aggregateSeconds: number }> {
  const data = await mkdtemp(join(tmpdir(), 'ctacode-bench-'));
  const prefix = `ctacode-bench-${process.pid}`;
  const redis = new Redis(redisUrl);
  const baseline = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0);
  let redisPeak = baseline;
  const sampler = setInterval(() => {
    void redis.info('memory').then((info) => {
      redisPeak = Math.max(redisPeak, Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0));
    });
  }, 100);
  const started = performance.now();
  // The file itself, as `npx ctacode` runs it: with the node flags of its first line.
  const child = spawn(join(root, 'bin/ctacode.js'), ['run', file, '--data', data, '--workers', String(workers)], {
    env: { ...process.env, REDIS_URL: redisUrl, CTACODE_PREFIX: prefix },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stopUsage = usageOf(child.pid!);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const seconds = (performance.now() - started) / 1000;
  const usage = stopUsage();
  clearInterval(sampler);
  await deleteKeys(prefix);
  redis.disconnect();
  const phases = code === 0 ? await phasesOf(join(data, 'logs', 'ctacode.log')) : null;
  await rm(data, { recursive: true, force: true });
  if (phases === null) throw new Error(`ctacode run exited with ${code} on ${file}`);
  return { seconds, ...usage, redisPeakMb: (redisPeak - baseline) / 1024 / 1024, ...phases };
}

async function codingSpeed(file: string, sample = 20_000): Promise<number> {
  const codebook = (await loadCodebook()).compiled;
  const posts: Post[] = [];
  for await (const row of (await openExport(file)).rows) {
    if (row.kind === 'post') posts.push(row.post);
    if (posts.length >= sample) break;
  }
  for (const post of posts.slice(0, 2000)) codePost(post, codebook);
  const started = performance.now();
  for (const post of posts) codePost(post, codebook);
  return posts.length / ((performance.now() - started) / 1000);
}

const sizesArgument = process.argv.indexOf('--sizes');
const sizes = (sizesArgument > 0 ? process.argv[sizesArgument + 1]! : '10000,100000').split(',').map(Number);
/** `--workers N`: coding batches at once in the `ctacode run` process (above 1: coding threads besides the main thread). */
const workersArgument = process.argv.indexOf('--workers');
const workers = workersArgument > 0 ? Number(process.argv[workersArgument + 1]) : 2;
const dataDir = join(root, 'bench', '.data');
await mkdir(dataDir, { recursive: true });
const results: Result[] = [];
for (const size of sizes) {
  const file = join(dataDir, `crowdtangle-${size}.csv`);
  if (!existsSync(file)) await writeSyntheticExport(size, file);
  const bytes = (await readFile(file)).length;
  const floorBefore = await parsingFloor(file);
  const run = await endToEnd(file, workers);
  const floorAfter = await parsingFloor(file);
  const floorSeconds = (floorBefore + floorAfter) / 2;
  results.push({
    posts: size,
    bytes,
    floorSeconds,
    floorBeforeAfterSeconds: [floorBefore, floorAfter],
    endToEndSeconds: run.seconds,
    postsPerSecond: size / run.seconds,
    ratio: run.seconds / floorSeconds,
    codingSeconds: run.codingSeconds,
    aggregateSeconds: run.aggregateSeconds,
    peakRssMb: run.peakRssMb,
    redisPeakMb: run.redisPeakMb,
    cpuSeconds: run.cpuSeconds,
    codingPostsPerSecondPerCore: await codingSpeed(file),
  });
}

const f = (n: number, digits = 1) => n.toFixed(digits).padStart(9);
console.log('    posts |  floor s (before/after) |    e2e s | reading+coding s | aggregate s |  posts/s | e2e/floor | CPU s | CPU µs/post | ctacode MB | redis MB | coding/s/core');
for (const r of results) {
  const [before, after] = r.floorBeforeAfterSeconds;
  console.log(
    `${String(r.posts).padStart(9)} |${f(r.floorSeconds, 2)} (${before.toFixed(2)}/${after.toFixed(2)}) |${f(r.endToEndSeconds, 2)} |${f(r.codingSeconds, 2).padStart(17)} |${f(r.aggregateSeconds, 2).padStart(12)} |${f(r.postsPerSecond, 0)} |${f(r.ratio, 2)}  |${r.cpuSeconds.toFixed(1).padStart(6)} |${f((r.cpuSeconds * 1e6) / r.posts, 0).padStart(12)} |${f(r.peakRssMb, 0)}   |${f(r.redisPeakMb, 0)} |${f(r.codingPostsPerSecondPerCore, 0)}`,
  );
}
const ten = results.find((r) => r.posts === 100_000);
const million = results.find((r) => r.posts === 1_000_000);
if (ten && million) console.log(`1M / 100k time: ${(million.endToEndSeconds / ten.endToEndSeconds).toFixed(2)} (target ≤ 11)`);
const latest = join(root, 'bench', 'results', 'latest.json');
if (existsSync(latest)) {
  // The last results, for the sizes measured again: a change shows as a change of ratio and CPU time.
  const previous = JSON.parse(await readFile(latest, 'utf8')) as { at: string; node?: string; workers?: number; results: Partial<Result>[] };
  const differences = [
    previous.workers !== workers ? `--workers ${previous.workers ?? '?'} then` : '',
    previous.node !== process.version ? `Node.js ${previous.node ?? '?'} then` : '',
    previous.results.some((p) => p.floorBeforeAfterSeconds === undefined) ? 'the floor measured before the run only then' : '',
  ].filter((d) => d !== '');
  if (differences.length > 0) console.log(`not quite comparable with ${previous.at}: ${differences.join(', ')}`);
  for (const r of results) {
    const last = previous.results.find((p) => p.posts === r.posts);
    if (last?.ratio === undefined) continue;
    const cpu = last.cpuSeconds === undefined ? '' : `, CPU ${last.cpuSeconds.toFixed(1)} → ${r.cpuSeconds.toFixed(1)} s`;
    console.log(`${r.posts} posts against ${previous.at}: e2e/floor ${last.ratio.toFixed(2)} → ${r.ratio.toFixed(2)}${cpu}`);
  }
}
await mkdir(join(root, 'bench', 'results'), { recursive: true });
await writeFile(latest, `${JSON.stringify({ at: new Date().toISOString(), node: process.version, workers, results }, null, 2)}\n`);
