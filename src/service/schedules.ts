import { randomBytes } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { extname, isAbsolute, join } from 'node:path';
import { Queue, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { exportExtensions } from '../runs/input-files.js';
import type { IntakeContext, IntakeResult } from './intake.js';
import { stageFiles, submitStaged } from './intake.js';

/** The queue whose job schedulers start scheduled sweeps. */
export const sweepQueueName = 'sweep';

export interface SweepJobData {
  /** Absolute folder whose export files become one run. */
  inbox: string;
}

export interface SweepResult {
  runId?: string;
  files: number;
  skipped: number;
}

export interface ScheduleSpec {
  /** Cron pattern (5 or 6 fields), or `every` milliseconds. */
  cron?: string;
  every?: number;
  tz?: string;
  inbox: string;
  /** Id of the schedule; a new one is made when omitted. Adding an existing id replaces it. */
  id?: string;
}

export interface Schedule {
  id: string;
  cron?: string;
  every?: number;
  tz?: string;
  inbox: string;
  /** Next time it fires (ISO 8601 UTC). */
  next?: string;
}

export class ScheduleError extends Error {
  override name = 'ScheduleError';
}

const idPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function openSweepQueue(connection: Redis, prefix: string): Queue<SweepJobData, SweepResult> {
  return new Queue<SweepJobData, SweepResult>(sweepQueueName, { connection, prefix });
}

/** Adds (or replaces) a schedule: a BullMQ job scheduler, kept in Redis, so it survives restarts. */
export async function addSchedule(queue: Queue<SweepJobData, SweepResult>, spec: ScheduleSpec): Promise<Schedule> {
  if (!isAbsolute(spec.inbox)) throw new ScheduleError(`the folder must be an absolute path: ${spec.inbox}`);
  if (Boolean(spec.cron) === Boolean(spec.every)) throw new ScheduleError('give either a cron pattern or an interval');
  if (spec.cron && !/^\s*\S+(\s+\S+){4,5}\s*$/.test(spec.cron)) throw new ScheduleError(`not a cron pattern (5 or 6 fields, e.g. "0 3 * * *"): ${spec.cron}`);
  if (spec.every !== undefined && (!Number.isInteger(spec.every) || spec.every < 100)) throw new ScheduleError('the interval must be a whole number of milliseconds, 100 or more');
  if (spec.tz) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: spec.tz });
    } catch {
      throw new ScheduleError(`unknown time zone: ${spec.tz} (use an IANA name such as Europe/Copenhagen)`);
    }
  }
  const id = spec.id ?? `sweep-${randomBytes(3).toString('hex')}`;
  if (!idPattern.test(id)) throw new ScheduleError(`a schedule id is letters, digits, "_", "-" and ".", up to 64: ${id}`);
  const repeat = spec.cron ? { pattern: spec.cron.trim(), ...(spec.tz ? { tz: spec.tz } : {}) } : { every: spec.every! };
  try {
    await queue.upsertJobScheduler(id, repeat, {
      name: 'sweep',
      data: { inbox: spec.inbox },
      opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
    });
  } catch (error) {
    throw new ScheduleError(`BullMQ refused the schedule: ${(error as Error).message}`);
  }
  const added = (await listSchedules(queue)).find((s) => s.id === id);
  if (!added) throw new ScheduleError(`the schedule ${id} was not stored`);
  return added;
}

export async function listSchedules(queue: Queue<SweepJobData, SweepResult>): Promise<Schedule[]> {
  const schedulers = await queue.getJobSchedulers(0, -1, true);
  return schedulers.map((s) => ({
    id: s.id ?? s.key,
    ...(s.pattern ? { cron: s.pattern } : {}),
    ...(s.every ? { every: Number(s.every) } : {}),
    ...(s.tz ? { tz: s.tz } : {}),
    inbox: s.template?.data?.inbox ?? '',
    ...(s.next ? { next: new Date(Number(s.next)).toISOString() } : {}),
  }));
}

export function removeSchedule(queue: Queue<SweepJobData, SweepResult>, id: string): Promise<boolean> {
  return queue.removeJobScheduler(id);
}

/**
 * One scheduled sweep: every export file at the top of the folder that has not changed for
 * `settleMs` becomes part of one run; files still being written wait for the next sweep.
 */
export async function sweepFolder(context: IntakeContext, job: Job<SweepJobData, SweepResult>, settleMs = 2000): Promise<SweepResult> {
  const { inbox } = job.data;
  const entries = await readdir(inbox, { withFileTypes: true }).catch(() => []);
  const ready: { path: string; name: string }[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!entry.isFile() || entry.name.startsWith('.') || !exportExtensions.includes(extname(entry.name).toLowerCase())) continue;
    const path = join(inbox, entry.name);
    const info = await stat(path).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs >= settleMs) ready.push({ path, name: entry.name });
  }
  if (ready.length === 0) return { files: 0, skipped: 0 };
  const { stagingDir, files } = await stageFiles(context.folder, ready);
  const result: IntakeResult = await submitStaged(context, stagingDir, files, { source: 'schedule', ...(job.repeatJobKey ? { schedule: job.repeatJobKey } : {}) });
  return { ...(result.runId ? { runId: result.runId } : {}), files: result.files.length, skipped: result.skipped.length };
}
