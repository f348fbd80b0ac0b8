import type { Redis } from 'ioredis';

/** An input file taken in by the service, as it waits for its run. */
export interface StagedFile {
  /** The name the file arrived with (sanitised for uploads). */
  name: string;
  /** Where it waits: inside its intake folder under `incoming/`. */
  path: string;
  sha256: string;
}

export type IntakeSource = 'inbox' | 'upload' | 'schedule' | 'recode';

/** A run submitted by the service whose input files still have to be moved when it finishes. */
export interface PendingRun {
  runId: string;
  source: IntakeSource;
  /** The job scheduler that started the run, for scheduled sweeps. */
  schedule?: string;
  stagingDir: string;
  files: StagedFile[];
}

/** Where each input file of a finished run went. */
export interface SettledFile {
  name: string;
  sha256: string;
  status: 'processed' | 'failed';
  movedTo: string;
  error?: string;
}

/**
 * The service's own records in Redis, under the installation's prefix: runs waiting to be settled,
 * the sha256 of every file taken in (so that a file is not coded twice), where finished runs' inputs
 * went, and counters for /metrics. They live in Redis with the jobs, so a restarted service (or one
 * restarted after Redis) carries on where it stopped.
 */
export class ServiceStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(name: string): string {
    return `${this.prefix}:service:${name}`;
  }

  async addPending(run: PendingRun): Promise<void> {
    const multi = this.redis.multi().hset(this.key('pending'), run.runId, JSON.stringify(run));
    for (const file of run.files) multi.hset(this.key('sha256'), file.sha256, run.runId);
    await multi.exec();
  }

  async pending(): Promise<PendingRun[]> {
    const all = await this.redis.hgetall(this.key('pending'));
    return Object.values(all).map((v) => JSON.parse(v) as PendingRun);
  }

  /** The run that took in a file with this sha256 (pending or coded), if any. */
  async runOfSha256(sha256: string): Promise<string | undefined> {
    return (await this.redis.hget(this.key('sha256'), sha256)) ?? undefined;
  }

  async settle(run: PendingRun, files: SettledFile[], postsCoded: number, status: string): Promise<void> {
    const multi = this.redis
      .multi()
      .hset(this.key('settled'), run.runId, JSON.stringify({ source: run.source, files }))
      .hdel(this.key('pending'), run.runId)
      .hincrby(this.key('stats'), 'posts_coded', postsCoded)
      .hincrby(this.key('stats'), `runs_${status}`, 1);
    for (const file of files) {
      // A file that failed may be dropped again once fixed, or with the same bytes after a fix elsewhere.
      if (file.status === 'failed') multi.hdel(this.key('sha256'), file.sha256);
      else multi.hincrby(this.key('stats'), 'files_processed', 1);
      if (file.status === 'failed') multi.hincrby(this.key('stats'), 'files_failed', 1);
    }
    await multi.exec();
  }

  async settled(runId: string): Promise<{ source: IntakeSource; files: SettledFile[] } | undefined> {
    const value = await this.redis.hget(this.key('settled'), runId);
    return value ? (JSON.parse(value) as { source: IntakeSource; files: SettledFile[] }) : undefined;
  }

  async countSkipped(): Promise<void> {
    await this.redis.hincrby(this.key('stats'), 'files_skipped', 1);
  }

  async stats(): Promise<Record<string, number>> {
    const all = await this.redis.hgetall(this.key('stats'));
    return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, Number(v)]));
  }
}
