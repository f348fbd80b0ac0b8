import { FlowProducer, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { CodeJobData, IngestJobData, RunResult, RunSpec } from './job-types.js';
import { isConnectionError, openConnection, reportOutages } from './connection.js';
import { defaultPrefix, queueNames } from './names.js';

/** The producer side of ctacode's three queues, on one connection. */
export interface Pipeline {
  connection: Redis;
  prefix: string;
  ingest: Queue<IngestJobData>;
  code: Queue<CodeJobData>;
  aggregate: Queue<RunSpec, RunResult>;
  flows: FlowProducer;
  close(): Promise<void>;
}

/**
 * `onProblem` hears, once per outage, that Redis went away and came back (the connection waits
 * it out), and any other error of the queues; by default both go to stderr as one line each.
 */
export function openPipeline(redisUrl: string, prefix = defaultPrefix, onProblem: (message: string) => void = (m) => process.stderr.write(`ctacode: ${m}\n`)): Pipeline {
  const connection = openConnection(redisUrl);
  reportOutages(connection, (message) => onProblem(message));
  const options = { connection, prefix };
  const ingest = new Queue<IngestJobData>(queueNames.ingest, options);
  const code = new Queue<CodeJobData>(queueNames.code, options);
  const aggregate = new Queue<RunSpec, RunResult>(queueNames.aggregate, options);
  const flows = new FlowProducer(options);
  const onError = (error: Error) => {
    if (!isConnectionError(error)) onProblem(`Redis: ${error.message}`);
  };
  for (const queue of [ingest, code, aggregate]) queue.on('error', onError);
  flows.on('error', onError);
  return {
    connection,
    prefix,
    ingest,
    code,
    aggregate,
    flows,
    async close() {
      await Promise.all([ingest.close(), code.close(), aggregate.close(), flows.close()]);
      connection.disconnect();
    },
  };
}
