#!/usr/bin/env -S node --single-threaded-gc
// Runs the TypeScript sources directly (tsx), so that a clone works after `npm ci` with no build step.
//
// --single-threaded-gc: V8 otherwise collects garbage with helper threads beside each isolate (four
// on two cores), which only compete with the coding threads when every core codes; without them a
// million posts on two cores took 26-28 instead of 28-31 s, with 4 s less CPU (docs/operations.md).
// V8 reads that flag only as a process starts, hence the line above: `npx ctacode` and running this
// file run with it; `node bin/ctacode.js` runs without it (same results, slower).
import { setFlagsFromString } from 'node:v8';
import { register } from 'tsx/esm/api';

// V8 lets a heap grow up to four times what the last full collection left before it collects
// again; a run keeps little alive from one batch to the next, so in each of the isolates that code
// that growth was garbage. Growing by half at most kept 1M posts on two cores at 0.45 GB instead of
// 0.6 GB for a few percent of CPU (docs/operations.md). V8 reads the factor at every collection.
setFlagsFromString('--heap-growing-percent=50');
register();
await import('../src/cli.ts');
