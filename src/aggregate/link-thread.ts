import type { MessagePort } from 'node:worker_threads';
import type { FileSummary } from '../queue/job-types.js';
import { readPartEntries } from './coded-part.js';
import { isKept } from './deduplicate.js';
import type { CodebookOutline } from './coded-post-columns.js';
import { LinkTables, type LinkTablesWritten } from './derived-tables.js';
import type { OutputOptions } from './output-options.js';
import { SharedTargets } from './shared-targets.js';

/** What the aggregate step hands the link thread once its first pass is done: plain data only. */
export interface LinkThreadRequest {
  runDir: string;
  /** The coded files, in input order. */
  files: FileSummary[];
  /** Per post in input order, a bit set for the copy kept (keptBits). */
  kept: Uint8Array;
  /** SharedTargets.sharedList(). */
  shared: string[];
  outline: CodebookOutline;
  options: Pick<OutputOptions, 'allianceWindowDays'>;
}

/** The thread's replies: the measures as soon as the network is built, then what it wrote; or why it failed. */
export type LinkThreadReply = { measures: LinkTablesWritten['measures'] } | { written: LinkTablesWritten } | { error: string };

/**
 * The link tables of a run (alliances.csv, network_edges.csv, network.gexf), from the coded parts'
 * entries, for the kept copies only: the work the link thread does while the aggregate step's own
 * thread builds the account tables and copies coded_posts.csv. `stop`: checked between batches
 * and before any file is written. `measuresReady`: see LinkTables.write.
 */
export async function buildLinkTables({ runDir, files, kept, shared, outline, options }: LinkThreadRequest, stop?: AbortSignal, measuresReady?: (measures: LinkTablesWritten['measures']) => void): Promise<LinkTablesWritten> {
  const links = new LinkTables(outline, options, SharedTargets.settledOf(shared));
  let ordinal = 0;
  for await (const { entries } of readPartEntries(runDir, files)) {
    stop?.throwIfAborted();
    const { accounts } = entries;
    for (let i = 0; i < entries.length; i++) if (isKept(kept, ordinal++)) links.add(entries.facts(i), accounts[i]!);
  }
  stop?.throwIfAborted();
  return links.write(runDir, measuresReady);
}

/** Inside the thread: builds the tables of the one request it gets, and replies with the measures, then what it wrote; or why it failed. */
export function serveLinkTables(port: MessagePort): void {
  port.once('message', (request: LinkThreadRequest) => {
    buildLinkTables(request, undefined, (measures) => port.postMessage({ measures } satisfies LinkThreadReply)).then(
      (written) => port.postMessage({ written } satisfies LinkThreadReply),
      (error: unknown) => port.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies LinkThreadReply),
    );
  });
}
