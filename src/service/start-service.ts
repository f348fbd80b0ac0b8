import { Worker } from 'bullmq';
import { loadCodebook } from '../codebook/load-codebook.js';
import { openConnection } from '../queue/connection.js';
import { queuePrefix } from '../queue/names.js';
import { openPipeline } from '../queue/pipeline.js';
import { connectOrStartRedis, type RedisHandle } from '../queue/redis-server.js';
import { startWorkers, type RunningWorkers, type Stage } from '../queue/start-workers.js';
import { resolveDataFolder } from '../runtime/data-folder.js';
import { createLogger, type Logger } from '../runtime/logger.js';
import { checkBind } from '../server/auth.js';
import { createServer, defaultUploadLimits, type UploadLimits } from '../server/create-server.js';
import { stageFiles, submitStaged, unstage, type IntakeContext } from './intake.js';
import { watchInbox, type Watcher } from './inbox-watcher.js';
import { openSweepQueue, sweepFolder, sweepQueueName, type SweepJobData, type SweepResult } from './schedules.js';
import { ensureServiceFolder, serviceFolder, type ServiceFolder } from './service-folder.js';
import { ServiceStore } from './service-store.js';
import { rebuildCumulativeDataset } from './cumulative-dataset.js';
import { returnOrphanedFiles, settleFinishedRuns } from './settle-runs.js';
import { startWorkerPool, type WorkerPool } from './worker-pool.js';

export interface ServiceOptions {
  data?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Default: CTACODE_TOKEN; an empty string for none. */
  token?: string;
  /** Default: REDIS_URL, else 127.0.0.1:6379, else a private redis-server. */
  redisUrl?: string;
  /** Default: CTACODE_PREFIX, else `ctacode`. */
  prefix?: string;
  codebook?: string;
  /** Code files dropped in the inbox even when the same content was coded before. */
  recode?: boolean;
  /** Stages worked on in this process (default all three; none to leave the work to `ctacode worker`). */
  stages?: readonly Stage[];
  /** Worker child processes besides this process's own workers. */
  workerProcesses?: number;
  batchSize?: number;
  limits?: Partial<UploadLimits>;
  inbox?: { pollMs?: number; settleMs?: number };
  /** How often finished runs are looked for, to move their input files. */
  settleIntervalMs?: number;
  log?: Logger;
}

export interface RunningService {
  url: string;
  port: number;
  folder: ServiceFolder;
  redisUrl: string;
  prefix: string;
  /** Stops taking files in, lets running jobs finish (or return to the queue), closes everything. */
  close(): Promise<void>;
}

/** `ctacode start`: workers, the inbox watcher, the schedule sweeper and the web server, in one process. */
export async function startService(options: ServiceOptions = {}): Promise<RunningService> {
  const host = options.host ?? '127.0.0.1';
  const token = (options.token ?? process.env.CTACODE_TOKEN) || undefined;
  checkBind(host, token);
  const folder = serviceFolder(resolveDataFolder(options.data));
  await ensureServiceFolder(folder);
  const log = options.log ?? createLogger({ logDir: folder.logs, consoleLevel: 'info' });
  const codebook = await loadCodebook(options.codebook);

  const redis: RedisHandle = options.redisUrl
    ? { url: options.redisUrl, managed: false, stop: async () => undefined }
    : await connectOrStartRedis(folder.redis, log);
  const prefix = options.prefix ?? queuePrefix();
  const pipeline = openPipeline(redis.url, prefix);
  const store = new ServiceStore(pipeline.connection, prefix);
  const sweepQueue = openSweepQueue(pipeline.connection, prefix);
  const intake: IntakeContext = { folder, pipeline, store, codebook, log, ...(options.batchSize ? { batchSize: options.batchSize } : {}) };
  const settleContext = { folder, pipeline, store, log };
  const closers: (() => Promise<void>)[] = [];
  let closing: Promise<void> | undefined;
  const closeAll = () =>
    (closing ??= (async () => {
      for (const close of [...closers].reverse()) await close().catch((error: Error) => log.error({ err: error.message }, 'while stopping'));
    })());
  closers.push(async () => {
    await pipeline.close();
    await redis.stop();
  });

  try {
    await returnOrphanedFiles(settleContext);

    const stages = options.stages ?? ['ingest', 'code', 'aggregate'];
    let workers: RunningWorkers | undefined;
    if (stages.length > 0) workers = startWorkers({ redisUrl: redis.url, prefix, stages, log });
    let pool: WorkerPool | undefined;
    if ((options.workerProcesses ?? 0) > 0) pool = startWorkerPool({ processes: options.workerProcesses!, redisUrl: redis.url, prefix, dataDir: folder.root, log });
    closers.push(async () => {
      await Promise.all([workers?.close(), pool?.close()]);
      await sweepQueue.close();
    });

    const sweepConnection = openConnection(redis.url);
    const sweeper = new Worker<SweepJobData, SweepResult>(sweepQueueName, (job) => sweepFolder(intake, job, options.inbox?.settleMs), { connection: sweepConnection, prefix, concurrency: 1 });
    sweeper.on('failed', (job, error) => log.warn({ jobId: job?.id, err: error.message }, 'scheduled sweep failed'));
    sweeper.on('completed', (job, result) => log.info({ jobId: job.id, ...result }, 'scheduled sweep'));
    sweeper.on('error', (error) => log.error({ err: error.message }, 'sweep worker error'));
    closers.push(async () => {
      await sweeper.close();
      sweepConnection.disconnect();
    });

    let settling: Promise<unknown> | undefined;
    const settle = () => {
      settling ??= settleFinishedRuns(settleContext)
        .then((settled) => (settled.length > 0 ? rebuildCumulativeDataset(folder.runs, folder.root, log) : undefined))
        .catch((error: Error) => log.error({ err: error.message }, 'could not settle finished runs or rebuild the cumulative dataset'))
        .finally(() => (settling = undefined));
      return settling;
    };
    const settleTimer = setInterval(() => void settle(), options.settleIntervalMs ?? 1000);
    closers.push(async () => {
      clearInterval(settleTimer);
      await settling;
    });
    await settle();

    const watcher: Watcher = watchInbox({
      dir: folder.inbox,
      log,
      ...(options.inbox?.pollMs ? { pollMs: options.inbox.pollMs } : {}),
      ...(options.inbox?.settleMs !== undefined ? { settleMs: options.inbox.settleMs } : {}),
      async onSettled(file) {
        const { stagingDir, files } = await stageFiles(folder, [file]);
        try {
          await submitStaged(intake, stagingDir, files, { source: 'inbox', recode: options.recode ?? false });
        } catch (error) {
          // Not submitted (Redis away?): back to the inbox, to be taken in again once it has settled.
          await unstage(folder, stagingDir);
          throw error;
        }
      },
    });
    closers.push(() => watcher.close());

    const app = await createServer({ folder, pipeline, store, sweepQueue, intake, log, limits: { ...defaultUploadLimits, ...options.limits }, ...(token ? { token } : {}) });
    await app.listen({ host, port: options.port ?? 8484 });
    closers.push(() => app.close());
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : (options.port ?? 8484);
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    log.info({ url, data: folder.root, redis: redis.url, prefix }, 'ctacode service started');
    return { url, port, folder, redisUrl: redis.url, prefix, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** Runs the service until SIGINT or SIGTERM, then stops it gracefully. */
export async function runService(options: ServiceOptions): Promise<void> {
  const service = await startService(options);
  process.stderr.write(`ctacode: serving ${service.url} (data folder ${service.folder.root}); drop exports into ${service.folder.inbox}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  process.stderr.write('ctacode: stopping; running jobs finish first\n');
  await service.close();
}
