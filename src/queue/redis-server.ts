import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { findOnPath, freePort } from '../runtime/local-system.js';
import type { Logger } from '../runtime/logger.js';
import { redisAnswers } from './connection.js';

export const defaultRedisUrl = 'redis://127.0.0.1:6379';

/** The Redis ctacode talks to, and how to let go of it. */
export interface RedisHandle {
  url: string;
  /** True when ctacode started this redis-server itself and stops it on exit. */
  managed: boolean;
  stop(): Promise<void>;
}

export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

/**
 * REDIS_URL when set; else the Redis on 127.0.0.1:6379; else a private redis-server started from
 * PATH with its files in `redisDir` (append-only, so that a restart loses no job).
 */
export async function connectOrStartRedis(redisDir: string, log: Logger, env: NodeJS.ProcessEnv = process.env, localUrl = defaultRedisUrl): Promise<RedisHandle> {
  const noop = async () => undefined;
  if (env.REDIS_URL) {
    if (!(await redisAnswers(env.REDIS_URL, 3000))) {
      throw new RedisUnavailableError(`REDIS_URL=${env.REDIS_URL} does not answer: start that Redis, or unset REDIS_URL to let ctacode start its own`);
    }
    return { url: env.REDIS_URL, managed: false, stop: noop };
  }
  if (await redisAnswers(localUrl, 500)) return { url: localUrl, managed: false, stop: noop };

  const binary = await findOnPath('redis-server', env);
  if (!binary) {
    throw new RedisUnavailableError(
      'ctacode needs Redis: nothing answers on 127.0.0.1:6379 and redis-server is not on PATH; install it (Debian/Ubuntu: sudo apt-get install redis-server, macOS: brew install redis) or set REDIS_URL',
    );
  }
  await mkdir(redisDir, { recursive: true });
  const port = await freePort();
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', redisDir, '--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction', '--logfile', 'redis.log'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  await waitUntilAnswering(url, child, 10_000);
  log.info({ url, dir: redisDir, pid: child.pid }, 'started a private redis-server (no REDIS_URL set and nothing on 127.0.0.1:6379)');
  return { url, managed: true, stop: () => stopChild(child) };
}

async function waitUntilAnswering(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited !== null) throw new RedisUnavailableError(`redis-server exited with code ${exited} at start; see its redis.log in the data folder`);
    if (await redisAnswers(url, 300)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new RedisUnavailableError(`redis-server did not answer within ${timeoutMs / 1000} s`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
