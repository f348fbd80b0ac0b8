import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadCodebook } from '../../src/codebook/load-codebook.js';
import { openConnection } from '../../src/queue/connection.js';
import { openPipeline, type Pipeline } from '../../src/queue/pipeline.js';
import { startWorkers, type RunningWorkers } from '../../src/queue/start-workers.js';
import { submitRun, type SubmitOptions } from '../../src/queue/submit-run.js';
import { waitForRun } from '../../src/queue/wait-for-run.js';
import type { RunResult } from '../../src/queue/job-types.js';
import { createLogger } from '../../src/runtime/logger.js';

export const testRedisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A private corner of the real Redis (unique key prefix) and a temporary data folder for one test. */
export interface Harness {
  prefix: string;
  dataDir: string;
  pipeline: Pipeline;
  /** Starts `count` independent worker sets, as if on `count` machines. */
  startWorkers(count?: number, codeConcurrency?: number): RunningWorkers[];
  run(files: string[], options?: Partial<Omit<SubmitOptions, 'runsDir' | 'files'>>): Promise<RunResult>;
  /** Stops workers, removes every key under the prefix and the data folder, closes connections. */
  dispose(): Promise<void>;
}

export async function createHarness(): Promise<Harness> {
  const prefix = `ctacode-test-${randomBytes(6).toString('hex')}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'ctacode-test-'));
  const pipeline = openPipeline(testRedisUrl, prefix);
  const log = createLogger();
  const running: RunningWorkers[] = [];
  const codebook = await loadCodebook();
  return {
    prefix,
    dataDir,
    pipeline,
    startWorkers(count = 1, codeConcurrency = 1) {
      const started = Array.from({ length: count }, () => startWorkers({ redisUrl: testRedisUrl, prefix, codeConcurrency, log }));
      running.push(...started);
      return started;
    },
    async run(files, options = {}) {
      const spec = await submitRun(pipeline, { runsDir: join(dataDir, 'runs'), files, codebook, ...options });
      return waitForRun(pipeline, spec.runId, undefined, 50);
    },
    async dispose() {
      await Promise.all(running.map((w) => w.close()));
      await pipeline.close();
      await deleteKeys(prefix);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Removes every Redis key of a test prefix (obliterating each queue would leave the progress keys). */
export async function deleteKeys(prefix: string, redisUrl = testRedisUrl): Promise<void> {
  const redis = openConnection(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
