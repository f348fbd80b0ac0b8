/**
 * Coding alone, in one process: posts per second codePost manages on the first 20,000 posts of an
 * export, coded over and over for a few seconds (`npx tsx bench/coding-rate.ts FILE [seconds]`,
 * default 4). With `--together`, it prints `ready` once warmed up and starts timing only when a
 * line arrives on stdin, so that `npm run bench` can time two of them over the same seconds:
 * once alone and twice at once, to show what a second busy core costs the first on the machine
 * (the parsing floor uses one core alone, `ctacode run` both at once). Prints the rate as a plain
 * number.
 */
import { once } from 'node:events';
import { loadCodebook } from '../src/codebook/load-codebook.js';
import { codePost } from '../src/coding/code-post.js';
import { openExport } from '../src/formats/open-export.js';
import type { Post } from '../src/types/contracts.js';

async function firstPosts(file: string, count: number): Promise<Post[]> {
  const posts: Post[] = [];
  for await (const row of (await openExport(file)).rows) {
    if (row.kind === 'post') posts.push(row.post);
    if (posts.length >= count) break;
  }
  return posts;
}

export async function codingRate(file: string, seconds: number, start: () => Promise<void> = async () => undefined): Promise<number> {
  const codebook = (await loadCodebook()).compiled;
  const posts = await firstPosts(file, 20_000);
  for (const post of posts.slice(0, 2000)) codePost(post, codebook);
  await start();
  const started = performance.now();
  const until = started + seconds * 1000;
  let coded = 0;
  while (performance.now() < until) {
    // A thousand at a time: the clock is read once a batch, as a coding job would.
    for (let i = 0; i < 1000; i++) codePost(posts[coded++ % posts.length]!, codebook);
  }
  return coded / ((performance.now() - started) / 1000);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const together = args.includes('--together');
  const [file, seconds = '4'] = args.filter((a) => a !== '--together');
  if (!file) {
    console.error('usage: tsx bench/coding-rate.ts <export> [seconds] [--together]');
    process.exit(2);
  }
  const start = async () => {
    if (!together) return;
    console.log('ready');
    await once(process.stdin, 'data');
  };
  console.log(Math.round(await codingRate(file, Number(seconds), start)));
  process.stdin.destroy();
}
