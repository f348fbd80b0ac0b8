import { once } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import type { CrowdtanglePost } from '../support/crowdtangle-csv.js';
import { testRedisUrl } from '../support/pipeline-harness.js';
import { filesIn, sampleCsv, samplePosts, spawnServiceCli, startTestService, waitFor, type TestService } from './service-harness.js';

describe('ctacode worker: more processes (or machines) taking part in the runs', () => {
  let t: TestService | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('codes the batches of a service run in `ctacode worker --concurrency 2` processes, and stops them gracefully', async () => {
    // The service itself ingests and aggregates but codes nothing: every batch must be coded by the worker processes.
    t = await startTestService({ stages: ['ingest', 'aggregate'], batchSize: 5 });
    const worker = spawnServiceCli(['worker', '--concurrency', '2', '--data', t.dataDir], { REDIS_URL: testRedisUrl, CTACODE_PREFIX: t.prefix });
    try {
      const many: CrowdtanglePost[] = Array.from({ length: 40 }, (_, i) => ({ ...samplePosts[i % 3]!, postId: `30160000000000${String(i).padStart(5, '0')}` }));
      await writeFile(join(t.service.folder.inbox, 'many.csv'), sampleCsv(many));
      // Generous: the worker processes compile the TypeScript sources as they start, slow on a busy machine.
      await waitFor('many.csv in processed/', async () => (await filesIn(t!.service.folder.processed)).includes('many.csv'), 150_000);
      expect(worker.output().match(/workers started/g)).toHaveLength(2);
      const [runId] = await filesIn(t.service.folder.runs);
      const coded = parse(await readFile(join(t.service.folder.runs, runId!, 'coded_posts.csv'), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
      expect(coded).toHaveLength(40);
      expect(coded.filter((r) => r.cta_any === '1')).toHaveLength(27);
    } finally {
      worker.child.kill('SIGTERM');
      const [code] = (await once(worker.child, 'exit')) as [number | null];
      expect(code, worker.output()).toBe(0);
      expect(worker.output()).toContain('stopping workers; running jobs finish first');
    }
  }, 200_000);

  it('ctacode start serves the UI and stops gracefully on SIGTERM', async () => {
    t = await startTestService({ stages: [] });
    const env = { REDIS_URL: testRedisUrl, CTACODE_PREFIX: t.prefix, CTACODE_TOKEN: '' };
    const data = join(t.dataDir, 'second');
    const service = spawnServiceCli(['start', '--port', '0', '--worker-processes', '0', '--data', data], env);
    const url = await waitFor('the service URL', async () => /serving (http:\/\/127\.0\.0\.1:\d+)/.exec(service.output())?.[1], 120_000);
    expect(((await (await fetch(`${url}/healthz`)).json()) as { ok: boolean }).ok).toBe(true);
    expect(await filesIn(join(data, 'inbox'))).toEqual([]);
    service.child.kill('SIGTERM');
    const [code] = (await once(service.child, 'exit')) as [number | null];
    expect(code, service.output()).toBe(0);
    expect(service.output()).toContain('stopping; running jobs finish first');
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  }, 180_000);
});
