/**
 * One round of bench/aggregate-step.ts: writeRun on the coded run it is given (`node
 * bench/aggregate-round.mjs RUN`, RUN its spec and file summary as JSON), printing the seconds,
 * core-seconds and page faults it took as JSON. Plain JavaScript on the compiled build, as
 * bin/ctacode.js runs a run, so that no loader hooks of tsx's run beside the step.
 */
import { performance } from 'node:perf_hooks';
import { buildIsCurrent } from '../bin/current-build.js';

if (!buildIsCurrent()) {
  console.error('bench/aggregate-round.mjs times the compiled build, which is older than the sources: run `npm run build` first');
  process.exit(2);
}
const { writeRun } = await import('../.cache/js/src/aggregate/write-run.js');
const { loadCodebook } = await import('../.cache/js/src/codebook/load-codebook.js');
const { runLayout } = await import('../.cache/js/src/runs/run-layout.js');

if (process.argv[2] === undefined) {
  console.error('usage: node bench/aggregate-round.mjs RUN (RUN: {"spec":…,"summary":…} as JSON; bench/aggregate-step.ts starts it)');
  process.exit(2);
}
const { spec, summary } = JSON.parse(process.argv[2]);
// Compiled before the clock starts, as a run's process has it at hand.
await loadCodebook(runLayout.codebook(spec.runDir));
const faults = process.resourceUsage().minorPageFault;
const cpu = process.cpuUsage();
const started = performance.now();
await writeRun(spec, [summary], new Map());
const used = process.cpuUsage(cpu);
process.stdout.write(JSON.stringify({ seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6, faults: process.resourceUsage().minorPageFault - faults }));
