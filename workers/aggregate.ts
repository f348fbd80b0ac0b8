// Process entry point for the aggregate stage: `tsx workers/aggregate.ts` (REDIS_URL, CTACODE_DATA as for ctacode).
import { runWorkerProcess } from '../src/queue/worker-process.js';

await runWorkerProcess(['aggregate']);
