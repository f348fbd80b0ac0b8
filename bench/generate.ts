/**
 * Writes a synthetic CrowdTangle-like export: `npx tsx bench/generate.ts 100000 out.csv [accounts]
 * [--distinct-links]` (accounts: one per 50 posts unless given; see SyntheticOptions).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { crowdtangleHeader, crowdtangleRow } from '../test/support/crowdtangle-csv.js';
import { defaultAccounts, isWholeAboveZero, syntheticPosts, type SyntheticOptions } from './synthetic-posts.js';

export async function writeSyntheticExport(size: number, path: string, accounts = defaultAccounts(size), options: SyntheticOptions = {}): Promise<void> {
  const out = createWriteStream(path);
  const quote = (h: string) => (h.includes(',') ? `"${h}"` : h);
  out.write(`\ufeff${crowdtangleHeader.map(quote).join(',')}\n`);
  for (const post of syntheticPosts(size, 1, accounts, options)) {
    if (!out.write(`${crowdtangleRow(post)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const distinctLinks = process.argv.includes('--distinct-links');
  const [size, path, accounts] = process.argv.slice(2).filter((arg) => arg !== '--distinct-links');
  const wholeAboveZero = (text: string | undefined) => text === undefined || isWholeAboveZero(Number(text));
  if (!size || !path || !wholeAboveZero(size) || !wholeAboveZero(accounts)) {
    console.error(`usage: tsx bench/generate.ts <posts> <out.csv> [accounts] [--distinct-links] (posts and accounts: whole numbers above 0; got ${JSON.stringify(process.argv.slice(2))})`);
    process.exit(2);
  }
  await writeSyntheticExport(Number(size), path, accounts === undefined ? undefined : Number(accounts), { distinctLinks });
  console.log(path);
}
