import { createReadStream } from 'node:fs';
import { codedPostOutputColumns } from '../src/aggregate/output-columns.js';
import type { RowRendering } from '../src/aggregate/coded-part.js';
import type { CompiledCodebook } from '../src/codebook/compile-codebook.js';
import { CsvSegmenter, type CsvSegment } from '../src/formats/csv-segments.js';
import type { CsvLayout } from '../src/formats/export-file.js';
import { openExport } from '../src/formats/open-export.js';

/** A CSV export cut into segments of 1,000 records, as ingest cuts it into batches (for the benches that code a file's batches in one thread). */
export async function exportBatches(file: string): Promise<{ layout: CsvLayout; segments: CsvSegment[] }> {
  const { layout } = await openExport(file);
  if (!layout) throw new Error(`${file} cannot be cut into segments`);
  const segmenter = new CsvSegmenter(layout.delimiter, 1000);
  const segments: CsvSegment[] = [];
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) segments.push(...segmenter.push(chunk as Buffer));
  segments.push(...segmenter.finish());
  return { layout, segments };
}

/** How a run with the default options renders its rows: text kept, nothing pseudonymised. */
export function defaultRendering(codebook: CompiledCodebook): RowRendering {
  return { outline: codebook, columns: codedPostOutputColumns(codebook, { noText: false, pseudonymKeyFile: null }), privacy: { pseudonymise: null, noText: false } };
}
