import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { drawValidationSample } from '../../src/reliability/sample-command.js';
import type { SampleDesign } from '../../src/reliability/sample-design.js';
import { crowdtangleCsv, type CrowdtanglePost } from '../support/crowdtangle-csv.js';
import { waitFor, type TestService } from './service-harness.js';

// Three calls to action and three posts without one (examples of the default codebook); one text
// tries to close a script element, so the coding page's escaping is tested too.
export const codingMessages = [
  'Vote on Tuesday!',
  'I voted today!',
  'Sign the petition: change.org/p/save-the-bees',
  'The petition reached 100k signatures. </script><script>alert(1)</script>',
  'Join us Saturday at City Hall!',
  'We marched yesterday.',
];

export const codingPosts: CrowdtanglePost[] = codingMessages.map((message, i) => ({
  page: i % 2 === 0 ? 'Climate Now' : 'City Party',
  handle: i % 2 === 0 ? 'climatenow' : 'cityparty',
  pageId: i % 2 === 0 ? '7533944086' : '273864989376427',
  postId: `10160000000000000${String(i + 10)}`,
  created: `2023-03-${String(i + 1).padStart(2, '0')} 10:00:00 EST`,
  message,
}));

export type Row = Record<string, string>;
export const csvRows = (text: string) => parse(text, { columns: true, bom: true }) as Row[];

export interface SampledRun {
  runId: string;
  runDir: string;
  /** coded_posts.csv by post id: the machine's codes. */
  machine: Map<string, Row>;
  design: SampleDesign;
}

/** Uploads the posts to the service, waits for the run, and draws a sample of every post for two coders who both code all of it. */
export async function runWithSample(t: TestService): Promise<SampledRun> {
  const form = new FormData();
  form.append('files', new Blob([crowdtangleCsv(codingPosts)], { type: 'text/csv' }), 'coding.csv');
  const response = await fetch(`${t.service.url}/api/uploads`, { method: 'POST', body: form, headers: { accept: 'application/json' } });
  if (response.status !== 201) throw new Error(`upload: ${response.status} ${await response.text()}`);
  const { runId } = (await response.json()) as { runId: string };
  await waitFor('the run to finish', async () => {
    const run = (await (await fetch(`${t.service.url}/api/runs/${runId}`)).json()) as { status: string };
    return run.status === 'completed';
  });
  const runDir = join(t.service.folder.runs, runId);
  const machine = new Map(csvRows(await readFile(join(runDir, 'coded_posts.csv'), 'utf8')).map((r) => [r.post_id!, r]));
  const { design } = await drawValidationSample(runDir, { n: codingPosts.length, stratify: 'none', allocation: 'equal', coders: 2, overlap: 1, seed: 'browser-coding' });
  return { runId, runDir, machine, design };
}
