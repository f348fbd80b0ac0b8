import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisAnswers } from '../../src/queue/connection.js';
import { connectOrStartRedis, RedisUnavailableError } from '../../src/queue/redis-server.js';
import { createLogger } from '../../src/runtime/logger.js';

const nothingThere = 'redis://127.0.0.1:1';
const log = createLogger();

describe('connectOrStartRedis', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ctacode-redis-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('uses REDIS_URL when it answers, and says so when it does not', async () => {
    const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const handle = await connectOrStartRedis(dir, log, { REDIS_URL: url });
    expect(handle).toMatchObject({ url, managed: false });
    await expect(connectOrStartRedis(dir, log, { REDIS_URL: nothingThere })).rejects.toThrow(/REDIS_URL=redis:\/\/127\.0\.0\.1:1 does not answer/);
  });

  it('starts a private append-only redis-server from PATH when nothing answers, and stops it', async () => {
    const handle = await connectOrStartRedis(join(dir, 'redis'), log, { PATH: process.env.PATH }, nothingThere);
    try {
      expect(handle.managed).toBe(true);
      expect(await redisAnswers(handle.url)).toBe(true);
      expect(await readdir(join(dir, 'redis'))).toContain('redis.log');
    } finally {
      await handle.stop();
    }
    expect(await redisAnswers(handle.url, 300)).toBe(false);
  });

  it('stops with one line on how to install Redis when there is none', async () => {
    const attempt = connectOrStartRedis(dir, log, { PATH: '' }, nothingThere);
    await expect(attempt).rejects.toBeInstanceOf(RedisUnavailableError);
    await expect(attempt).rejects.toThrow(/^ctacode needs Redis: .*apt-get install redis-server[^\n]*$/);
  });
});
