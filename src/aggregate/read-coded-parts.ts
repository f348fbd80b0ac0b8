import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { FileSummary } from '../queue/job-types.js';
import { runLayout } from '../runs/run-layout.js';
import type { CodedPost } from '../types/contracts.js';

/** Coded posts of the given files in input order (file, then batch, then row), streamed from the part files. */
export async function* readCodedParts(runDir: string, files: readonly FileSummary[]): AsyncGenerator<CodedPost> {
  for (const file of files) {
    for (let batch = 0; batch < file.batches; batch++) {
      const path = runLayout.codedPart(runDir, file.index, batch);
      try {
        await access(path);
      } catch {
        throw new Error(`coded batch ${batch} of ${file.name} is missing (${path}): a coding job finished without writing it`);
      }
      const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
      for await (const line of lines) {
        if (line) yield JSON.parse(line) as CodedPost;
      }
    }
  }
}
