// Entry of one worker child process of `ctacode worker` / `ctacode start --worker-processes N`: all
// three stages, one coding batch at a time, until SIGINT or SIGTERM (running jobs finish first).
// REDIS_URL, CTACODE_DATA and CTACODE_PREFIX come from the parent.
import { runWorkerProcess } from '../queue/worker-process.js';

await runWorkerProcess(['ingest', 'code', 'aggregate']);
