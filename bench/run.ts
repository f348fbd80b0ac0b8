/**
 * The benchmark harness (`npm run bench [-- --sizes 10000,100000,1000000] [--workers 2] [--accounts N] [--distinct-links] [--repeat N]`):
 * for each size, on the same synthetic file and in one run, the parsing floor (csv-parse alone, in
 * a process of its own: bench/parsing-floor.mjs),
 * `ctacode run` end to end, their ratio, peak memory of ctacode and of Redis, and coding alone per
 * core, and how often the coders' queue was empty; then, once, coding alone with one core working
 * and with two at once. Prints a table and writes bench/results/latest.json so that a change can be
 * compared with the last one.
 *
 * These machines' speed drifts by a fifth within minutes, so the floor is measured right before
 * and right after each run and the ratio is taken against their mean; the CPU time ctacode used
 * (user + system, all threads) is printed too, as it moves less with the machine than wall time.
 * `--repeat N` runs each size N times, a floor between runs, and reports the round of the median
 * ratio (medianRound), listing every round's ratio.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { codingNodeEnv, codingNodeFlags } from '../src/runtime/node-settings.js';
import { deleteKeys } from '../test/support/pipeline-harness.js';
import { writeSyntheticExport } from './generate.js';
import { emptyShare, queueLine, type QueueReading } from './coding-queue.js';
import { floorDriftWarning, medianRound, twoCoreFactorWarning } from './measurement-drift.js';
import { scriptOutput } from './script-output.js';
import { isWholeAboveZero } from './synthetic-posts.js';

const root = new URL('..', import.meta.url).pathname;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Result {
  posts: number;
  bytes: number;
  /** The mean of the floor measured before and after the run. */
  floorSeconds: number;
  floorBeforeAfterSeconds: [number, number];
  /** Every round's e2e/floor, in order, where the size ran more than once (--repeat); the other fields are the median round's. */
  roundRatios?: number[];
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
  /** Share of the readings of the code queue taken while ingest queued batches that found it empty (coding-queue.ts). */
  codeQueueEmptyShare: number | null;
  codingPostsPerSecondPerCore: number;
}

/** Where the floor is measured, as recorded in latest.json: results measured elsewhere are not quite comparable. */
const floorIn = 'a process of its own';

/** Seconds csv-parse alone takes over the file, in a process of its own (bench/parsing-floor.mjs says why). */
async function parsingFloor(file: string): Promise<number> {
  const seconds = Number((await scriptOutput([join(root, 'bench', 'parsing-floor.mjs'), file], `bench/parsing-floor.mjs on ${file}`)).trim());
  if (!(seconds > 0)) throw new Error(`bench/parsing-floor.mjs printed no time for ${file}`);
  return seconds;
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
async function phasesOf(logFile: string): Promise<{ codingSeconds: number; aggregateSeconds: number; queuingFrom: number; queuingTo: number }> {
  const entries = (await readFile(logFile, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { time: number; msg: string; status?: string });
  const at = (test: (e: (typeof entries)[number]) => boolean) => entries.find(test)?.time ?? Number.NaN;
  const submitted = at((e) => e.msg === 'run submitted');
  const aggregating = at((e) => e.msg === 'every batch coded; writing the run');
  const finished = at((e) => e.status !== undefined);
  // The queue empties at the end of every run, once the last batch is queued: only the time before counts.
  const queued = at((e) => e.msg === 'file ingested');
  return { codingSeconds: (aggregating - submitted) / 1000, aggregateSeconds: (finished - aggregating) / 1000, queuingFrom: submitted, queuingTo: Math.min(queued, aggregating) };
}

async function endToEnd(file: string, workers: number): Promise<{ seconds: number; peakRssMb: number; cpuSeconds: number; redisPeakMb: number; codingSeconds: number; aggregateSeconds: number; codeQueueEmptyShare: number | null }> {
  const data = await mkdtemp(join(tmpdir(), 'ctacode-bench-'));
  const prefix = `ctacode-bench-${process.pid}`;
  const redis = new Redis(redisUrl);
  const baseline = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0);
  let redisPeak = baseline;
  const queue: QueueReading[] = [];
  const sampler = setInterval(() => {
    void redis.info('memory').then((info) => {
      redisPeak = Math.max(redisPeak, Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0));
    });
    const at = Date.now();
    void redis.llen(`${prefix}:code:wait`).then((waiting) => queue.push({ at, waiting }));
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
  const { queuingFrom, queuingTo, ...times } = phases;
  return { seconds, ...usage, redisPeakMb: (redisPeak - baseline) / 1024 / 1024, ...times, codeQueueEmptyShare: emptyShare(queue, queuingFrom, queuingTo) };
}

/** Coding alone (bench/coding-rate.ts), posts per second, in one process with the other cores idle. */
async function codingRate(file: string): Promise<number> {
  return (await codingRateProcesses(file, 1))[0]!;
}

/**
 * What a second busy core costs the first: coding alone in one process, then in two processes
 * timed over the same seconds, as the two cores of a run work, three times in turn (these
 * machines' speed swings by a third from one second to the next). The medians, per core.
 */
async function twoCoresAtOnce(file: string): Promise<{ alone: number[]; together: number[] }> {
  const alone: number[] = [];
  const together: number[] = [];
  for (let round = 0; round < 3; round++) {
    alone.push(await codingRate(file));
    const pair = await codingRateProcesses(file, 2);
    together.push(pair.reduce((a, b) => a + b, 0) / pair.length);
  }
  return { alone, together };
}

async function codingRateProcesses(file: string, count: number): Promise<number[]> {
  // With the settings bin/ctacode.js starts Node with.
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, [...codingNodeFlags, '--import', 'tsx', join(root, 'bench', 'coding-rate.ts'), file, '4', '--together'], {
      env: codingNodeEnv(process.env),
      stdio: ['pipe', 'pipe', 'inherit'],
    }),
  );
  const lines = children.map((child) => createInterface({ input: child.stdout })[Symbol.asyncIterator]());
  const line = async (reader: AsyncIterator<string>) => {
    const next = await reader.next();
    if (next.done === true) throw new Error(`bench/coding-rate.ts ended without a figure on ${file}`);
    return next.value;
  };
  for (const reader of lines) await line(reader);
  for (const child of children) child.stdin.write('go\n');
  const rates: number[] = [];
  for (const reader of lines) rates.push(Number(await line(reader)));
  await Promise.all(children.map((child) => (child.exitCode === null ? once(child, 'exit') : undefined)));
  return rates;
}

const usage = 'usage: npm run bench [-- --sizes 10000,100000,1000000] [--workers 2] [--accounts N] [--distinct-links] [--repeat N]';
const optionTypes = { sizes: { type: 'string' }, workers: { type: 'string' }, accounts: { type: 'string' }, 'distinct-links': { type: 'boolean' }, repeat: { type: 'string' } } as const;
let options: ReturnType<typeof parseArgs<{ options: typeof optionTypes }>>['values'];
try {
  ({ values: options } = parseArgs({ options: optionTypes }));
} catch (error) {
  console.error(`bench: ${(error as Error).message}\n${usage}`);
  process.exit(2);
}

/** The whole number above 0 an option was given (`what`: what it counts, for the error), or `fallback` without it. */
function wholeOption<T>(name: Exclude<keyof typeof optionTypes, 'distinct-links'>, what: string, fallback: T, text = options[name]): number | T {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (isWholeAboveZero(value)) return value;
  console.error(`bench: --${name} takes a whole number of ${what} above 0, got ${JSON.stringify(text)}\n${usage}`);
  process.exit(2);
}

const sizes = (options.sizes ?? '10000,100000').split(',').map((size) => wholeOption('sizes', 'posts (each of a list separated by commas)', 0, size));
/** `--workers N`: coding batches at once in the `ctacode run` process (above 1: coding threads besides the main thread). */
const workers = wholeOption('workers', 'coding workers', 2);
/**
 * `--accounts N`: every file spread over N accounts rather than one per 50 posts, so that the
 * tables per account stay the same size and memory shows what the posts alone add.
 */
const accounts = wholeOption('accounts', 'accounts', null);
/** `--repeat N`: each size N times (see the top of this file); 1 unless told. */
const repeat = wholeOption('repeat', 'rounds', 1);
/** `--distinct-links`: every link of a file a post of its own (SyntheticOptions), as in real exports. */
const distinctLinks = options['distinct-links'] === true;
const dataDir = join(root, 'bench', '.data');
const fileName = (size: number) => `crowdtangle-${size}${accounts === null ? '' : `-accounts-${accounts}`}${distinctLinks ? '-distinct-links' : ''}.csv`;
await mkdir(dataDir, { recursive: true });
const results: Result[] = [];
for (const size of sizes) {
  const file = join(dataDir, fileName(size));
  if (!existsSync(file)) await writeSyntheticExport(size, file, accounts ?? undefined, { distinctLinks });
  const bytes = (await stat(file)).size;
  const floors = [await parsingFloor(file)];
  const runs: Awaited<ReturnType<typeof endToEnd>>[] = [];
  for (let round = 0; round < repeat; round++) {
    runs.push(await endToEnd(file, workers));
    floors.push(await parsingFloor(file));
  }
  const { round, ratios } = medianRound(floors, runs.map((r) => r.seconds));
  const run = runs[round]!;
  const [floorBefore, floorAfter] = [floors[round]!, floors[round + 1]!];
  const floorSeconds = (floorBefore + floorAfter) / 2;
  results.push({
    posts: size,
    bytes,
    floorSeconds,
    floorBeforeAfterSeconds: [floorBefore, floorAfter],
    ...(repeat > 1 ? { roundRatios: ratios } : {}),
    endToEndSeconds: run.seconds,
    postsPerSecond: size / run.seconds,
    ratio: run.seconds / floorSeconds,
    codingSeconds: run.codingSeconds,
    aggregateSeconds: run.aggregateSeconds,
    peakRssMb: run.peakRssMb,
    redisPeakMb: run.redisPeakMb,
    cpuSeconds: run.cpuSeconds,
    codeQueueEmptyShare: run.codeQueueEmptyShare,
    codingPostsPerSecondPerCore: await codingRate(file),
  });
}

const f = (n: number, digits = 1) => n.toFixed(digits).padStart(9);
// The ratio to the floor moves with the machine: on 2026-12-08 the rounds of a million posts ran at
// 1.8–2.3× of the floor on one 2-core machine and at 1.5–1.8× on another, an AMD EPYC, whose floor
// was slower (14–23 against 12–15 s) more than ctacode was, so a result names its machine.
const machine = `${cpus()[0]?.model.trim() ?? 'unknown processor'}, ${availableParallelism()} cores`;
console.log(`on ${machine}, Node.js ${process.version}`);
console.log('    posts |  floor s (before/after) |    e2e s | reading+coding s | aggregate s |  posts/s | e2e/floor | CPU s | CPU µs/post | ctacode MB | redis MB | coding/s/core');
for (const r of results) {
  const [before, after] = r.floorBeforeAfterSeconds;
  console.log(
    `${String(r.posts).padStart(9)} |${f(r.floorSeconds, 2)} (${before.toFixed(2)}/${after.toFixed(2)}) |${f(r.endToEndSeconds, 2)} |${f(r.codingSeconds, 2).padStart(17)} |${f(r.aggregateSeconds, 2).padStart(12)} |${f(r.postsPerSecond, 0)} |${f(r.ratio, 2)}  |${r.cpuSeconds.toFixed(1).padStart(6)} |${f((r.cpuSeconds * 1e6) / r.posts, 0).padStart(12)} |${f(r.peakRssMb, 0)}   |${f(r.redisPeakMb, 0)} |${f(r.codingPostsPerSecondPerCore, 0)}`,
  );
}
for (const r of results) {
  if (r.roundRatios !== undefined) console.log(`${r.posts} posts: e2e/floor of ${r.roundRatios.length} rounds ${r.roundRatios.map((x) => x.toFixed(2)).join(', ')}; the table shows the round of the median`);
}
for (const r of results) console.log(queueLine(r.posts, r.codeQueueEmptyShare));
for (const r of results) {
  const warning = floorDriftWarning(r.posts, ...r.floorBeforeAfterSeconds);
  if (warning !== null) console.log(warning);
}
const ten = results.find((r) => r.posts === 100_000);
const million = results.find((r) => r.posts === 1_000_000);
if (ten && million) console.log(`1M / 100k time: ${(million.endToEndSeconds / ten.endToEndSeconds).toFixed(2)} (target ≤ 11)`);
// Whether memory stays flat as the input grows: between the smallest and largest size from a million up.
const large = results.filter((r) => r.posts >= 1_000_000).sort((a, b) => a.posts - b.posts);
if (large.length >= 2 && large.at(-1)!.posts > large[0]!.posts) {
  const [from, to] = [large[0]!, large.at(-1)!];
  const perMillion = (to.peakRssMb - from.peakRssMb) / ((to.posts - from.posts) / 1e6);
  const why = accounts === null ? ', with one account per 50 posts (the account tables grow too; --accounts N holds them fixed)' : `, with ${accounts} accounts`;
  console.log(`ctacode's peak from ${from.posts} to ${to.posts} posts: ${from.peakRssMb.toFixed(0)} → ${to.peakRssMb.toFixed(0)} MB, ${perMillion.toFixed(0)} MB per further million posts${why}`);
}
const twoCores = await twoCoresAtOnce(join(dataDir, fileName(sizes[0]!)));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const share = median(twoCores.together) / median(twoCores.alone);
console.log(
  `coding alone, posts/s per core: ${median(twoCores.alone).toFixed(0)} with one core working, ${median(twoCores.together).toFixed(0)} each with two at once (medians of ${twoCores.alone.length} turns): ` +
    `two cores do ${(2 * share).toFixed(2)} times the work of one, which bounds what a run on two cores can gain over the one-core floor`,
);
const factorWarning = twoCoreFactorWarning(2 * share);
if (factorWarning !== null) console.log(factorWarning);
const latest = join(root, 'bench', 'results', 'latest.json');
if (existsSync(latest)) {
  // The last results, for the sizes measured again: a change shows as a change of ratio and CPU time.
  const previous = JSON.parse(await readFile(latest, 'utf8')) as { at: string; node?: string; machine?: string; workers?: number; accounts?: number | null; distinctLinks?: boolean; floorIn?: string; results: Partial<Result>[] };
  const differences = [
    previous.workers !== workers ? `--workers ${previous.workers ?? '?'} then` : '',
    (previous.accounts ?? null) !== accounts ? `${previous.accounts ?? 'one per 50 posts'} accounts then` : '',
    (previous.distinctLinks ?? false) !== distinctLinks ? `${previous.distinctLinks === true ? 'distinct' : 'four'} links then` : '',
    previous.node !== process.version ? `Node.js ${previous.node ?? '?'} then` : '',
    previous.machine !== machine ? `${previous.machine ?? 'another or an unrecorded machine'} then` : '',
    previous.results.some((p) => p.floorBeforeAfterSeconds === undefined) ? 'the floor measured before the run only then' : '',
    previous.floorIn !== floorIn ? 'the floor measured inside the bench process then (slower: its ratios read lower)' : '',
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
await writeFile(latest, `${JSON.stringify({ at: new Date().toISOString(), node: process.version, machine, workers, accounts, distinctLinks, repeat, floorIn, twoCores, results }, null, 2)}\n`);
