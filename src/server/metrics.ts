import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Queue } from 'bullmq';
import type { ServiceStore } from '../service/service-store.js';

/**
 * Prometheus metrics. Queue depths are read from Redis on every scrape; the counters are the
 * service's totals in Redis, so they count the work of every worker and survive restarts.
 */
export function createMetrics(queues: readonly Queue[], store: ServiceStore): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ctacode_process_' });
  new Gauge({
    name: 'ctacode_queue_jobs',
    help: 'Jobs in each queue by state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const queue of queues) {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'waiting-children', 'prioritized', 'completed', 'failed');
        for (const [state, n] of Object.entries(counts)) this.set({ queue: queue.name, state }, n);
      }
    },
  });
  const fromStore = (name: string, help: string, field: string | ((stats: Record<string, number>) => [Record<string, string>, number][])) =>
    new Counter({
      name,
      help,
      labelNames: typeof field === 'string' ? [] : ['status'],
      registers: [registry],
      async collect() {
        const stats = await store.stats();
        this.reset();
        if (typeof field === 'string') this.inc(stats[field] ?? 0);
        else for (const [labels, n] of field(stats)) this.inc(labels, n);
      },
    });
  fromStore('ctacode_posts_coded_total', 'Posts coded in finished service runs (accepted rows, duplicates removed)', 'posts_coded');
  fromStore('ctacode_files_processed_total', 'Input files coded and moved to processed/', 'files_processed');
  fromStore('ctacode_files_failed_total', 'Input files that could not be coded and moved to failed/', 'files_failed');
  fromStore('ctacode_files_skipped_total', 'Input files not coded again because the same content was already coded', 'files_skipped');
  fromStore('ctacode_runs_total', 'Finished service runs by status', (stats) =>
    Object.entries(stats)
      .filter(([k]) => k.startsWith('runs_'))
      .map(([k, n]) => [{ status: k.slice(5) }, n]),
  );
  return registry;
}
