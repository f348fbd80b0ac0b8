/**
 * How well ingest kept the coders fed: the bench reads the length of the code queue's waiting list
 * every 100 ms while a run goes, and counts the readings taken while ingest was still queuing
 * batches (from the run's submission until its file is ingested) that found no batch waiting.
 * With the queue empty a coder waits on Redis for the next batch (60–120 ms each time on these
 * machines) instead of coding: on 2026-12-07 ingest, queuing one batch at a time, left it
 * empty or at one batch in 172 of 200 readings, and the coding thread idle for a tenth of a 1M run.
 */

/** One reading: when it was taken (ms since the epoch) and how many batches were waiting. */
export interface QueueReading {
  at: number;
  waiting: number;
}

/** Above this share of empty readings while ingest queued batches, the bench says the coders waited for work. */
export const starvedShare = 0.2;

/** The share (0–1) of the readings taken from `from` to `to` (ms since the epoch) that found the queue empty; null where none was taken then. */
export function emptyShare(readings: readonly QueueReading[], from: number, to: number): number | null {
  const during = readings.filter((r) => r.at >= from && r.at <= to);
  if (during.length === 0) return null;
  return during.filter((r) => r.waiting === 0).length / during.length;
}

/** The line the bench prints for a size: how often the coders' queue was empty, and what that means where it is often. */
export function queueLine(posts: number, share: number | null): string {
  if (share === null) return `${posts} posts: ingest was done too soon to read the code queue meanwhile`;
  const line = `${posts} posts: the code queue was empty in ${(100 * share).toFixed(0)}% of the readings while ingest queued batches (every 100 ms)`;
  return share > starvedShare ? `${line}: the coders waited for batches, ingest did not keep up` : line;
}
