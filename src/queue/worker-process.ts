import { connectOrStartRedis } from './redis-server.js';
import { queuePrefix } from './names.js';
import { startWorkers, type Stage } from './start-workers.js';
import { ensureDataFolder, resolveDataFolder } from '../runtime/data-folder.js';
import { createLogger } from '../runtime/logger.js';

/**
 * A long-running worker process for the given stages, stopped gracefully by SIGINT or SIGTERM:
 * running jobs finish, waiting ones stay in Redis for the next worker. Workers on several machines
 * need the same REDIS_URL and the same data folder (a shared mount: coded parts are written there).
 */
export async function runWorkerProcess(stages: readonly Stage[], options: { data?: string; concurrency?: number } = {}): Promise<void> {
  const folder = resolveDataFolder(options.data);
  await ensureDataFolder(folder);
  const log = createLogger({ logDir: folder.logs, consoleLevel: 'info' });
  const redis = await connectOrStartRedis(folder.redis, log);
  const workers = startWorkers({ redisUrl: redis.url, prefix: queuePrefix(), stages, codeConcurrency: options.concurrency ?? 1, log });
  log.info({ stages, redis: redis.url }, 'workers started');
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info({ signal }, 'stopping: letting running jobs finish');
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await workers.close();
  await redis.stop();
}
