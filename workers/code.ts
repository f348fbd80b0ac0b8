// Process entry point for the code stage: `tsx workers/code.ts` (REDIS_URL, CTACODE_DATA as for ctacode).
import { runWorkerProcess } from '../src/queue/worker-process.js';

await runWorkerProcess(['code']);
