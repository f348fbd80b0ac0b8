#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node --single-threaded-gc --initial-old-space-size=96
// Runs the JavaScript that `npm ci` compiled into .cache/js (its `prepare` script runs `npm run
// build`) where that is newer than every source file, and otherwise the TypeScript sources through
// tsx, so that a clone works after `npm ci` and an edited source runs at once. The compiled code
// starts about 0.4 s sooner and its threads use less memory: tsx resolves and loads every module
// through hooks on a thread of their own, in each thread that loads code (docs/operations.md).
// CTACODE_RUN_SOURCES=1 runs the sources whatever the build.
//
// The first line sets what can only be set as the process starts (docs/operations.md):
// --single-threaded-gc: V8 otherwise collects garbage with helper threads beside each isolate (four
// on two cores), which only compete with the coding threads when every core codes; without them a
// million posts on two cores took 26-28 instead of 28-31 s, with 4 s less CPU.
// --initial-old-space-size=96: no full collection before a heap's old generation holds 96 MB. With
// heaps that grow by half at most (below), each isolate was otherwise marked over and over while
// it kept little alive: --trace-gc of a million posts counted 107 full collections, 1.2 s of
// pauses and 4.3 s of incremental marking, against 73, 0.8 s and 3.3 s with it, for 10-17 MB more
// at the peak (32 MB at 10,000 posts); 128 MB saved 2 s more but peaked 80 MB higher.
// MALLOC_ARENA_MAX=2: glibc's malloc otherwise keeps an arena per thread that allocated, and the
// memory the coding threads freed stayed with theirs; with two, a million posts peaked at about
// 423-467 instead of 450-485 MB (five runs each), two million at 597 instead of 636-683 MB.
// `npx ctacode` and running this file use both; `node bin/ctacode.js` runs without them (same
// results, slower and larger).
import { setFlagsFromString } from 'node:v8';
import { buildIsCurrent, compiledCli } from './current-build.js';

// V8 lets a heap grow up to four times what the last full collection left before it collects
// again; a run keeps little alive from one batch to the next, so in each of the isolates that code
// that growth was garbage. Growing by half at most kept 1M posts on two cores at 0.45 GB instead of
// 0.6 GB for a few percent of CPU (docs/operations.md). V8 reads the factor at every collection.
setFlagsFromString('--heap-growing-percent=50');

if (process.env.CTACODE_RUN_SOURCES !== '1' && buildIsCurrent()) {
  await import(compiledCli.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
