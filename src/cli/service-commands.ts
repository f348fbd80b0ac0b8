import { resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import type * as SchedulesModule from '../service/schedules.js';
import type { openSweepQueue, ScheduleSpec } from '../service/schedules.js';
import { wholeNumber } from './option-parsers.js';

// The commands' modules are loaded when a command runs, so that `ctacode run` does not load the web server.
const queueModules = async () => ({
  ...(await import('../queue/connection.js')),
  ...(await import('../queue/names.js')),
  ...(await import('../queue/redis-server.js')),
  ...(await import('../runtime/data-folder.js')),
  ...(await import('../runtime/logger.js')),
});


const dataOption = '--data <dir>';
const dataHelp = 'data folder (default: $CTACODE_DATA or ./ctacode-data)';

/** `ctacode start`, `ctacode worker` and `ctacode schedule add|list|remove`. */
export function registerServiceCommands(program: Command): void {
  program
    .command('start')
    .description('Run the service: workers, the inbox watcher (<data>/inbox/), scheduled sweeps and the web UI')
    .option(dataOption, dataHelp)
    .option('--host <address>', 'address to listen on; anything but loopback needs CTACODE_TOKEN', '127.0.0.1')
    .option('--port <n>', 'port to listen on', wholeNumber(0), 8484)
    .option('--codebook <file>', 'codebook YAML for runs the service starts (default: codebooks/cta-v1.yaml)')
    .option('--recode', 'code files dropped in the inbox even when the same content was coded before')
    .option('--worker-processes <n>', 'worker child processes besides the workers in this process (default: one per core beyond the first)', wholeNumber(0), Math.max(0, availableParallelism() - 1))
    .option('--max-upload-mb <n>', 'largest file an upload may hold, in MB', wholeNumber(1), 2048)
    .option('--max-upload-files <n>', 'most files in one upload', wholeNumber(1), 20)
    .addHelpText('after', '\nRedis: REDIS_URL, else 127.0.0.1:6379, else a private redis-server from PATH.\nCTACODE_TOKEN: the token for every page, the API and /admin/queues (a sign-in form sets a cookie; or send Authorization: Bearer <token>).\nSee docs/service.md.')
    .action(async (options: { data?: string; host: string; port: number; codebook?: string; recode?: boolean; workerProcesses: number; maxUploadMb: number; maxUploadFiles: number }) => {
      const { runService } = await import('../service/start-service.js');
      await runService({
        host: options.host,
        port: options.port,
        recode: Boolean(options.recode),
        workerProcesses: options.workerProcesses,
        limits: { maxFileBytes: options.maxUploadMb * 1024 ** 2, maxFiles: options.maxUploadFiles },
        ...(options.data ? { data: options.data } : {}),
        ...(options.codebook ? { codebook: options.codebook } : {}),
      });
    });

  program
    .command('worker')
    .description('Take part in the runs of a service on another machine: N worker processes (same REDIS_URL, same data folder mounted at the same path)')
    .option(dataOption, dataHelp)
    .option('--concurrency <n>', 'worker processes (coding is CPU-bound: one per core)', wholeNumber(1), availableParallelism())
    .action(async (options: { data?: string; concurrency: number }) => {
      const { resolveDataFolder, ensureDataFolder, createLogger, connectOrStartRedis, queuePrefix } = await queueModules();
      const { startWorkerPool } = await import('../service/worker-pool.js');
      const folder = resolveDataFolder(options.data);
      await ensureDataFolder(folder);
      const log = createLogger({ logDir: folder.logs, consoleLevel: 'info' });
      const redis = await connectOrStartRedis(folder.redis, log);
      const pool = startWorkerPool({ processes: options.concurrency, redisUrl: redis.url, prefix: queuePrefix(), dataDir: folder.root, log });
      process.stderr.write(`ctacode: ${options.concurrency} worker process${options.concurrency === 1 ? '' : 'es'} on ${redis.url} (data folder ${folder.root})\n`);
      await new Promise<void>((done) => {
        process.once('SIGINT', () => done());
        process.once('SIGTERM', () => done());
      });
      process.stderr.write('ctacode: stopping workers; running jobs finish first\n');
      await pool.close();
      await redis.stop();
    });

  const schedule = program.command('schedule').description('Scheduled sweeps of a folder (BullMQ job schedulers in Redis; the running service carries them out)');

  const withQueue = async <T>(data: string | undefined, work: (queue: ReturnType<typeof openSweepQueue>, schedules: typeof SchedulesModule) => Promise<T>): Promise<T> => {
    const { resolveDataFolder, ensureDataFolder, createLogger, connectOrStartRedis, openConnection, queuePrefix } = await queueModules();
    const schedules = await import('../service/schedules.js');
    const folder = resolveDataFolder(data);
    await ensureDataFolder(folder);
    const log = createLogger({ logDir: folder.logs, consoleLevel: 'warn' });
    const redis = await connectOrStartRedis(folder.redis, log);
    const connection = openConnection(redis.url);
    const queue = schedules.openSweepQueue(connection, queuePrefix());
    try {
      return await work(queue, schedules);
    } finally {
      await queue.close();
      connection.disconnect();
      await redis.stop();
    }
  };

  schedule
    .command('add')
    .description('Add a schedule: every export file in the folder becomes one run at the times of the cron pattern')
    .option('--cron <pattern>', 'cron pattern, e.g. "0 3 * * *" for 03:00 every day')
    .option('--every <ms>', 'an interval in milliseconds instead of a cron pattern', wholeNumber(100))
    .option('--tz <zone>', 'time zone of the cron pattern, e.g. Europe/Copenhagen (default: UTC)')
    .option('--inbox <dir>', 'folder to sweep (default: <data>/inbox)')
    .option('--id <id>', 'id of the schedule (adding an existing id replaces it)')
    .option(dataOption, dataHelp)
    .action(async (options: { cron?: string; every?: number; tz?: string; inbox?: string; id?: string; data?: string }) => {
      const { resolveDataFolder } = await queueModules();
      const { serviceFolder } = await import('../service/service-folder.js');
      const folder = serviceFolder(resolveDataFolder(options.data));
      const spec: ScheduleSpec = {
        inbox: resolve(options.inbox ?? folder.inbox),
        ...(options.cron ? { cron: options.cron } : {}),
        ...(options.every ? { every: options.every } : {}),
        ...(options.tz ? { tz: options.tz } : {}),
        ...(options.id ? { id: options.id } : {}),
      };
      const added = await withQueue(options.data, (queue, { addSchedule }) => addSchedule(queue, spec));
      process.stdout.write(`${added.id}\t${added.cron ?? `every ${added.every} ms`}\t${added.tz ?? 'UTC'}\t${added.inbox}\tnext ${added.next ?? '?'}\n`);
    });

  schedule
    .command('list')
    .description('List the schedules: id, when, time zone, folder, next run')
    .option(dataOption, dataHelp)
    .action(async (options: { data?: string }) => {
      const schedules = await withQueue(options.data, (queue, { listSchedules }) => listSchedules(queue));
      for (const s of schedules) process.stdout.write(`${s.id}\t${s.cron ?? `every ${s.every} ms`}\t${s.tz ?? 'UTC'}\t${s.inbox}\tnext ${s.next ?? '?'}\n`);
      if (schedules.length === 0) process.stderr.write('ctacode: no schedules\n');
    });

  schedule
    .command('remove')
    .description('Remove a schedule by its id')
    .argument('<id>')
    .option(dataOption, dataHelp)
    .action(async (id: string, options: { data?: string }) => {
      const removed = await withQueue(options.data, (queue, { removeSchedule }) => removeSchedule(queue, id));
      if (!removed) throw new Error(`no schedule ${id} (ctacode schedule list shows them)`);
      process.stderr.write(`ctacode: removed schedule ${id}\n`);
    });
}
