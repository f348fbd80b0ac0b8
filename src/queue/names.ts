/**
 * BullMQ key prefix: every ctacode key in Redis starts with it. CTACODE_PREFIX sets another, so
 * that separate installations (or tests) can share one Redis without seeing each other's runs.
 */
export const defaultPrefix = 'ctacode';
export const queuePrefix = (env: NodeJS.ProcessEnv = process.env) => env.CTACODE_PREFIX || defaultPrefix;

export const queueNames = {
  ingest: 'ingest',
  code: 'code',
  aggregate: 'aggregate',
} as const;

/** Every job is retried with exponential backoff; a user error (bad file) is thrown as unrecoverable instead. */
export const retryOptions = { attempts: 3, backoff: { type: 'exponential', delay: 1000 } } as const;

export const ingestJobId = (runId: string, fileIndex: number) => `${runId}-f${fileIndex}`;
export const codeJobId = (runId: string, fileIndex: number, batchIndex: number) => `${runId}-f${fileIndex}-b${batchIndex}`;

/** Redis hash with a run's progress: `q:<file>` rows queued for coding (posts, or records of segments), `c:<file>:<batch>` rows a coding job finished. */
export const progressKey = (prefix: string, runId: string) => `${prefix}:progress:${runId}`;
