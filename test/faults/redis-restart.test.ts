import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/types/contracts.js';
import { createFaultHarness, csvRows, fastRecoveryEnv, root, sleep, startPrivateRedis, syntheticExport, waitUntil, type FaultHarness, type PrivateRedis } from './support/fault-harness.js';

const posts = 6000;
const batchSize = 100;

/** `ctacode run` as a user runs it: workers in the command's own process (here with a coding thread besides), polling for the end. */
function ctacodeRun(h: FaultHarness, file: string) {
  const child = spawn(process.execPath, [join(root, 'bin/ctacode.js'), 'run', file, '--data', h.dataDir, '--batch-size', String(batchSize), '--workers', '2'], {
    env: { ...process.env, ...fastRecoveryEnv, ...h.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
  const done = once(child, 'exit').then(([code]) => ({ code: code as number | null, runDir: stdout.trim().split('\n').at(-1) ?? '', stderr }));
  return { child, done };
}

describe('Redis restarted in the middle of a run (append-only persistence)', () => {
  let redis: PrivateRedis;
  let h: FaultHarness;
  let file: string;
  let reference: Buffer;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    h = await createFaultHarness(redis.url);
    file = await syntheticExport(h.dataDir, posts);
    const { code, runDir, stderr } = await ctacodeRun(h, file).done;
    expect(code, stderr).toBe(0);
    reference = await readFile(join(runDir, 'coded_posts.csv'));
    expect(csvRows(reference)).toHaveLength(posts);
  }, 300_000);

  afterAll(async () => {
    await h?.dispose();
    await redis?.dispose();
  });

  it('completes the run with every post exactly once, and the command waits Redis out', async () => {
    const run = ctacodeRun(h, file);
    const progressKeys = () => h.pipeline.connection.keys(`${h.prefix}:progress:*`);
    await waitUntil('some coded batches', async () => {
      const [key] = await progressKeys();
      if (!key) return false;
      const fields = Object.keys(await h.pipeline.connection.hgetall(key));
      return fields.filter((f) => f.startsWith('c:')).length >= 5;
    });
    await redis.stop();
    await sleep(1500);
    await redis.start();

    const { code, runDir, stderr } = await run.done;
    expect(code, stderr).toBe(0);
    // One line per outage, not a stack trace per reconnection attempt.
    expect(stderr).toContain('lost the connection to Redis');
    expect(stderr).not.toContain('TCPConnectWrap');
    const coded = await readFile(join(runDir, 'coded_posts.csv'));
    expect(coded.equals(reference)).toBe(true);
    const manifest = JSON.parse(await readFile(join(runDir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.status).toBe('completed');
    expect(manifest.inputs[0]).toMatchObject({ status: 'coded', rows_read: posts, rows_accepted: posts, rows_rejected: 0, rows_duplicate: 0 });
  }, 300_000);
});
