import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/queue/job-types.js';
import type { Pipeline } from '../../../src/queue/pipeline.js';
import { waitForRun, type RunProgress } from '../../../src/queue/wait-for-run.js';

/** A pipeline whose aggregate job goes through `states`, one per poll, and whose progress hash counts its reads. */
function fakePipeline(states: string[]) {
  let poll = 0;
  const reads = { count: 0 };
  const result = { status: 'completed' } as RunResult;
  const pipeline = {
    prefix: 'test',
    connection: {
      hgetall: async () => {
        reads.count++;
        return { 'q:0': '3000', 'c:0:0': '1000', 'c:0:1': String(1000 * reads.count) };
      },
    },
    aggregate: {
      getJobState: async () => states[Math.min(poll++, states.length - 1)]!,
      getJob: async () => ({ returnvalue: result }),
    },
  } as unknown as Pipeline;
  return { pipeline, reads, result };
}

describe('waitForRun', () => {
  it('asks for the job state every interval but reads the counts at most every countsEveryMs, and again when the state changes', async () => {
    const states = [...Array<string>(20).fill('waiting-children'), 'waiting', 'waiting', 'completed'];
    const { pipeline, reads, result } = fakePipeline(states);
    const seen: RunProgress[] = [];
    expect(await waitForRun(pipeline, 'run', (p) => seen.push(p), 5, 60_000)).toBe(result);
    // Once at the first poll, once when the aggregate step began: not once per poll.
    expect(reads.count).toBe(2);
    expect(seen).toHaveLength(22);
    expect(seen[0]).toEqual({ queued: 3000, coded: 2000, aggregating: false });
    expect(seen[19]).toEqual(seen[0]);
    expect(seen[20]).toEqual({ queued: 3000, coded: 3000, aggregating: true });
  });

  it('reads the counts again once countsEveryMs have passed', async () => {
    const { pipeline, reads } = fakePipeline([...Array<string>(10).fill('waiting-children'), 'completed']);
    await waitForRun(pipeline, 'run', undefined, 5, 0);
    expect(reads.count).toBe(10);
  });
});
