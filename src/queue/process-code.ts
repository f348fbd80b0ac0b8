import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { loadCodebook } from '../codebook/load-codebook.js';
import type { CompiledCodebook } from '../codebook/compile-codebook.js';
import { codePost } from '../coding/code-post.js';
import { writeFileAtomic } from '../runtime/atomic-write.js';
import { runLayout } from '../runs/run-layout.js';
import type { CodeJobData, CodeJobResult } from './job-types.js';
import { progressKey } from './names.js';

export interface CodeDependencies {
  connection: Redis;
  prefix: string;
  /** Codes a batch and writes its part file: in this thread (`codeBatch`) or in a coding thread. */
  code(batch: CodeJobData): Promise<CodeJobResult>;
}

/** Codes one batch and writes it as a part file of the run; Redis carries only the counts back. */
export async function processCode(job: Job<CodeJobData, CodeJobResult>, deps: CodeDependencies): Promise<CodeJobResult> {
  const { runId, fileIndex, batchIndex } = job.data;
  const result = await deps.code(job.data);
  await deps.connection.hset(progressKey(deps.prefix, runId), `c:${fileIndex}:${batchIndex}`, result.posts);
  return result;
}

/**
 * Codes the posts of a batch and writes them, one JSON line per post, as the batch's part file
 * (atomically: a batch coded twice, after a crash, writes the same file again).
 */
export async function codeBatch(batch: CodeJobData, codebooks: RunCodebooks): Promise<CodeJobResult> {
  const { runId, runDir, fileIndex, batchIndex, posts } = batch;
  const codebook = await codebooks.get(runId, runDir);
  let ctaPosts = 0;
  const lines: string[] = [];
  for (const post of posts) {
    const coded = codePost(post, codebook);
    if (coded.coding.cta_any) ctaPosts++;
    lines.push(JSON.stringify(coded));
  }
  lines.push('');
  await writeFileAtomic(runLayout.codedPart(runDir, fileIndex, batchIndex), lines.join('\n'));
  return { posts: posts.length, ctaPosts };
}

/**
 * The compiled codebook of each run, read once per worker from the copy in the run directory, so
 * that every worker codes a run with exactly the codebook the run recorded.
 */
export class RunCodebooks {
  private readonly cache = new Map<string, Promise<CompiledCodebook>>();

  constructor(private readonly capacity = 4) {}

  get(runId: string, runDir: string): Promise<CompiledCodebook> {
    let entry = this.cache.get(runId);
    if (!entry) {
      entry = loadCodebook(runLayout.codebook(runDir)).then((loaded) => loaded.compiled);
      entry.catch(() => this.cache.delete(runId));
      this.cache.set(runId, entry);
      if (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value!);
    }
    return entry;
  }
}
