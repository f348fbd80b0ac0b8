import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { openPipeline } from '../../src/queue/pipeline.js';
import { startWorkers } from '../../src/queue/start-workers.js';
import { createLogger } from '../../src/runtime/logger.js';
import { testRedisUrl } from '../support/pipeline-harness.js';
import { filesIn, sampleCsv, startTestService, waitFor, type TestService } from './service-harness.js';

interface RunJson {
  runId: string;
  status: string;
  files: string[];
  downloads?: { file: string; url: string }[];
}

const listRuns = async (url: string) => ((await (await fetch(`${url}/api/runs`)).json()) as { runs: RunJson[] }).runs;

describe('ctacode start: the inbox folder', () => {
  let t: TestService | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('codes a file dropped in the inbox once it is fully written, moves it to processed/, and serves the CSV over HTTP', async () => {
    t = await startTestService();
    const { url, folder } = t.service;
    const csv = sampleCsv();
    const dropped = join(folder.inbox, 'export.csv');
    // Written in two parts with a pause shorter than the settle time: the half file must not start a run.
    await writeFile(dropped, csv.slice(0, 200));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await appendFile(dropped, csv.slice(200));

    await waitFor('the file in processed/', async () => (await filesIn(folder.processed)).includes('export.csv'));
    expect(await filesIn(folder.inbox)).toEqual([]);
    const runs = await waitFor('a finished run', async () => {
      const all = await listRuns(url);
      return all.length === 1 && all[0]!.status === 'completed' ? all : undefined;
    });
    expect(runs[0]!.files).toEqual(['export.csv']);

    const run = (await (await fetch(`${url}/api/runs/${runs[0]!.runId}`)).json()) as RunJson & { manifest: { totals: { rows_accepted: number } } };
    expect(run.manifest.totals.rows_accepted).toBe(3);
    expect(run.downloads!.map((d) => d.file)).toEqual(expect.arrayContaining(['coded_posts.csv', 'manifest.json', 'rejected_rows.csv', 'data_dictionary.csv', 'codebook.yaml']));

    const response = await fetch(`${url}${run.downloads!.find((d) => d.file === 'coded_posts.csv')!.url}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const rows = parse(await response.text(), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.post_id, r.cta_any])).toEqual([
      ['1016000000000000001', '1'],
      ['1016000000000000002', '0'],
      ['1016000000000000003', '1'],
    ]);

    const page = await (await fetch(`${url}/runs/${run.runId}`)).text();
    expect(page).toContain('coded_posts.csv');
    expect(page).toContain('CTA share per category');
    expect(page).toMatch(/<svg[^>]*aria-label="Sentiment score distribution"/);

    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/^ctacode_posts_coded_total 3$/m);
    expect(metrics).toMatch(/^ctacode_queue_jobs\{queue="aggregate",state="completed"\} 1$/m);
    expect(((await (await fetch(`${url}/healthz`)).json()) as { ok: boolean }).ok).toBe(true);
  });

  it('moves a file it cannot code to failed/ with the reason beside it', async () => {
    t = await startTestService();
    const { folder } = t.service;
    await writeFile(join(folder.inbox, 'notes.csv'), '');
    await waitFor('the error file', async () => (await filesIn(folder.failed)).includes('notes.csv.error.txt'));
    expect(await filesIn(folder.failed)).toEqual(['notes.csv', 'notes.csv.error.txt']);
    const reason = await readFile(join(folder.failed, 'notes.csv.error.txt'), 'utf8');
    expect(reason).toMatch(/^notes\.csv: the file is empty/);
    expect(reason).toMatch(/run: \d{8}-\d{6}-[0-9a-f]{6}/);
    expect(await filesIn(folder.processed)).toEqual([]);
  });

  it('does not code the same content twice unless asked, and codes it again from the run page', async () => {
    t = await startTestService();
    const { url, folder } = t.service;
    await writeFile(join(folder.inbox, 'a.csv'), sampleCsv());
    await waitFor('a.csv processed', async () => (await filesIn(folder.processed)).includes('a.csv'));
    await writeFile(join(folder.inbox, 'a.csv'), sampleCsv());
    await waitFor('the skip note', async () => (await filesIn(folder.processed)).includes('a (2).csv.skipped.txt') || (await filesIn(folder.processed)).includes('a.csv.skipped.txt'));
    const processed = await filesIn(folder.processed);
    expect(processed).toContain('a (2).csv');
    const note = await readFile(join(folder.processed, processed.find((f) => f.endsWith('.skipped.txt'))!), 'utf8');
    expect(note).toMatch(/already taken in by run \d{8}-/);
    expect(await listRuns(url)).toHaveLength(1);

    const [first] = await waitFor('the first run settled', async () => {
      const runs = await listRuns(url);
      const details = (await (await fetch(`${url}/api/runs/${runs[0]!.runId}`)).json()) as { inputs?: unknown[] };
      return details.inputs ? runs : undefined;
    });
    const recode = await fetch(`${url}/runs/${first!.runId}/recode`, { method: 'POST', headers: { accept: 'application/json' } });
    expect(recode.status).toBe(200);
    const { runId } = (await recode.json()) as { runId: string };
    expect(runId).not.toBe(first!.runId);
    await waitFor('the second run', async () => (await listRuns(url)).find((r) => r.runId === runId && r.status === 'completed'));
  });

  it('resumes after a restart: runs that finished while the service was down are settled when it comes back', async () => {
    // The service takes the file in but works on nothing itself; it is stopped before the run is coded.
    t = await startTestService({ stages: [] });
    const { folder } = t.service;
    await writeFile(join(folder.inbox, 'later.csv'), sampleCsv());
    await waitFor('the intake', async () => (await filesIn(folder.inbox)).length === 0 && (await filesIn(folder.incoming)).length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await t.stop();

    // Workers elsewhere finish the run meanwhile.
    const pipeline = openPipeline(testRedisUrl, t.prefix);
    const workers = startWorkers({ redisUrl: testRedisUrl, prefix: t.prefix, log: createLogger() });
    try {
      await waitFor('the run to finish without the service', async () => (await pipeline.aggregate.getJobCounts('completed')).completed === 1);
    } finally {
      await workers.close();
      await pipeline.close();
    }
    expect(await filesIn(folder.processed)).toEqual([]);

    await t.restart({ stages: [] });
    await waitFor('later.csv in processed/', async () => (await filesIn(folder.processed)).includes('later.csv'));
    expect(await filesIn(folder.incoming)).toEqual([]);
  });
});
