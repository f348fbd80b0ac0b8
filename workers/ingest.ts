// Process entry point for the ingest stage: `tsx workers/ingest.ts` (REDIS_URL, CTACODE_DATA as for ctacode).
import { runWorkerProcess } from '../src/queue/worker-process.js';

await runWorkerProcess(['ingest']);
