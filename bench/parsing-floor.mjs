/**
 * The parsing floor of `npm run bench`: csv-parse alone over FILE (`node bench/parsing-floor.mjs
 * FILE`), printing the seconds it took. A process of its own, in plain JavaScript run by plain
 * Node, so that the floor is what the issue asks for, parsing alone in one process: measured
 * inside the bench's own process (run through tsx, its heap holding the earlier runs' results, and
 * until this script existed a copy of the whole file the bench had read to count its bytes), a
 * million posts took 13.0–18.1 s against 11.6–12.2 s here, which made ctacode look up to a third
 * closer to the floor than it was.
 */
import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse';

const file = process.argv[2];
if (file === undefined) {
  console.error('usage: node bench/parsing-floor.mjs FILE');
  process.exit(2);
}
const started = performance.now();
let records = 0;
for await (const _ of createReadStream(file).pipe(parse({ bom: true, relax_column_count: true }))) records++;
if (records === 0) {
  console.error(`${file}: no records`);
  process.exit(1);
}
console.log((performance.now() - started) / 1000);
