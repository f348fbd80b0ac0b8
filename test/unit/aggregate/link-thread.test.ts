import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entriesVersion, readPartEntries, renderCodedPart, writeCodedPart } from '../../../src/aggregate/coded-part.js';
import { plainOutline } from '../../../src/aggregate/coded-post-columns.js';
import { isKept } from '../../../src/aggregate/deduplicate.js';
import { LinkTables } from '../../../src/aggregate/derived-tables.js';
import type { LinkThreadRequest } from '../../../src/aggregate/link-thread.js';
import { codedPostOutputColumns } from '../../../src/aggregate/output-columns.js';
import { PartLog } from '../../../src/aggregate/part-log.js';
import { SharedTargets } from '../../../src/aggregate/shared-targets.js';
import { linkTablesInThisThread, startLinkThread } from '../../../src/aggregate/start-link-thread.js';
import type { CompiledCodebook } from '../../../src/codebook/compile-codebook.js';
import { loadCodebook } from '../../../src/codebook/load-codebook.js';
import { codePost } from '../../../src/coding/code-post.js';
import { textPost } from '../../../src/coding/text-post.js';
import type { FileSummary } from '../../../src/queue/job-types.js';
import { linkThreadMinRows } from '../../../src/aggregate/write-run.js';
import { newRunDir } from '../../support/run-folder.js';

let root: string;
let codebook: CompiledCodebook;
const file = { index: 0, name: 'posts.csv', batches: 2 } as FileSummary;

const texts = [
  ['a1', '2024-03-01T10:00:00Z', 'Sign the petition at change.org/p/save-the-park #savethepark @b2'],
  ['b2', '2024-03-02T10:00:00Z', 'Please sign: change.org/p/save-the-park and share #savethepark'],
  ['c3', '2024-03-03T10:00:00Z', 'Nice weather today, thanks @a1'],
  ['a1', '2024-03-04T10:00:00Z', 'Donate now at gofundme.com/f/help-the-park #savethepark'],
  ['c3', '2024-03-05T10:00:00Z', 'Donate: gofundme.com/f/help-the-park, every euro counts'],
] as const;

/** A run directory with two coded batches of the posts above; with `damagedSecond`, the second batch's entries are not a batch's. */
async function codedRun({ damagedSecond = false } = {}): Promise<string> {
  const runDir = await newRunDir(root);
  const rendering = { outline: codebook, columns: codedPostOutputColumns(codebook, { noText: false, pseudonymKeyFile: null }), privacy: { pseudonymise: null, noText: false } };
  const coded = texts.map(([account, createdAt, text], i) =>
    codePost(textPost(text, { file: 'posts.csv', format: 'generic-csv', row: i + 2 }, { platform: 'facebook', lang: 'en', post_id: String(i), account_id: account, account_handle: account, created_at: createdAt, likes: i, comments: 1, shares: 0 }), codebook),
  );
  const log = new PartLog(runDir);
  writeCodedPart(log, 0, 0, renderCodedPart(coded.slice(0, 3), rendering));
  if (damagedSecond) log.append(0, 1, [`{"version":${entriesVersion}}\n{}\n`], Buffer.alloc(0));
  else writeCodedPart(log, 0, 1, renderCodedPart(coded.slice(3), rendering));
  return runDir;
}

async function sharedTargetsOf(runDir: string): Promise<SharedTargets> {
  const shared = new SharedTargets();
  for await (const { entries } of readPartEntries(runDir, [file])) {
    entries.copies.targetsUsed.forEach((targets, i) => shared.addUses(entries.copies.account[i]!, targets));
  }
  return shared.settle();
}

const outputs = ['alliances.csv', 'network_edges.csv', 'network.gexf'];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ctacode-link-thread-'));
  codebook = (await loadCodebook()).compiled;
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the link thread', () => {
  it('writes the same alliance and network files, and the same measures, as LinkTables in this thread', async () => {
    const runDir = await codedRun();
    const shared = await sharedTargetsOf(runDir);
    // The fourth post (index 3) is taken for a duplicate: neither side may count it (bits of posts 0, 1, 2 and 4 set).
    const kept = Uint8Array.from([0b10111]);
    const request: LinkThreadRequest = { runDir, files: [file], kept, shared: shared.sharedList(), outline: plainOutline(codebook), options: { allianceWindowDays: 7 } };
    const thread = startLinkThread();
    const building = thread.build(request);
    const [measures, written] = await Promise.all([building.measures, building.written]).finally(() => thread.close());

    const here = join(root, 'here');
    await mkdir(here);
    const links = new LinkTables(codebook, { allianceWindowDays: 7 }, shared);
    let ordinal = 0;
    for await (const { entries } of readPartEntries(runDir, [file])) {
      for (let i = 0; i < entries.length; i++) if (isKept(kept, ordinal++)) links.add(entries.facts(i), entries.copies.account[i]!);
    }
    const expected = await links.write(here);

    expect(written).toEqual(expected);
    expect(measures).toEqual(expected.measures);
    for (const name of outputs) expect(await readFile(join(runDir, name), 'utf8')).toBe(await readFile(join(here, name), 'utf8'));
    const edges = await readFile(join(runDir, 'network_edges.csv'), 'utf8');
    const edgesFrom = (account: string, target: string) => edges.split('\n').filter((line) => line.startsWith(`account:facebook:${account},target:`) && line.includes(target));
    expect(edgesFrom('b2', 'change.org')).toHaveLength(1);
    expect(edgesFrom('c3', 'gofundme')).toHaveLength(1);
    expect(edgesFrom('a1', 'gofundme')).toEqual([]);
    expect(written.measures.get('facebook\u0000a1')?.degree).toBeGreaterThan(0);
  });

  it('writes the same files in the calling thread, for small runs', async () => {
    const runDir = await codedRun();
    const shared = await sharedTargetsOf(runDir);
    const request: LinkThreadRequest = { runDir, files: [file], kept: Uint8Array.from([0b11111]), shared: shared.sharedList(), outline: plainOutline(codebook), options: { allianceWindowDays: 7 } };
    const thread = startLinkThread();
    const fromThread = await thread.build(request).written.finally(() => thread.close());
    const texts = await Promise.all(outputs.map((name) => readFile(join(runDir, name), 'utf8')));
    const here = linkTablesInThisThread().build(request);
    expect(await here.written).toEqual(fromThread);
    expect(await here.measures).toEqual(fromThread.measures);
    expect(await Promise.all(outputs.map((name) => readFile(join(runDir, name), 'utf8')))).toEqual(texts);
  });

  it("reports a damaged batch with the batch's name", async () => {
    const runDir = await codedRun({ damagedSecond: true });
    const thread = startLinkThread();
    const request: LinkThreadRequest = { runDir, files: [file], kept: Uint8Array.from([0b11111]), shared: [], outline: plainOutline(codebook), options: { allianceWindowDays: 7 } };
    const building = thread.build(request);
    const damaged = /coded batch 1 of posts\.csv .* is damaged or was written by another version of ctacode: code the run again/;
    // The measures fail too: the account table waits for them.
    await expect(building.measures).rejects.toThrow(damaged);
    await expect(building.written.finally(() => thread.close())).rejects.toThrow(damaged);
  });

  it('in the calling thread, stops when closed and writes nothing afterwards', async () => {
    const runDir = await codedRun();
    const builder = linkTablesInThisThread();
    const built = builder.build({ runDir, files: [file], kept: Uint8Array.from([0b11111]), shared: [], outline: plainOutline(codebook), options: { allianceWindowDays: 7 } });
    await builder.close();
    await expect(built.written).rejects.toThrow(/abort/i);
    await expect(built.measures).rejects.toThrow(/abort/i);
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const name of outputs) await expect(readFile(join(runDir, name))).rejects.toThrow(/ENOENT/);
  });

  it('can be closed before it is asked for anything', async () => {
    const thread = startLinkThread();
    await thread.close();
    const building = thread.build({} as LinkThreadRequest);
    await expect(building.written).rejects.toThrow(/stopped \(exit code \d+\) before it was done/);
    await expect(building.measures).rejects.toThrow(/stopped \(exit code \d+\) before it was done/);
  });
});

describe('CTACODE_LINK_THREAD_MIN_ROWS', () => {
  it('is a whole number of rows, 0 for always; anything else gives the default of 100,000', () => {
    const read = (value: string | undefined) => linkThreadMinRows(value === undefined ? {} : { CTACODE_LINK_THREAD_MIN_ROWS: value });
    expect([read('0'), read(' 5000 '), read(undefined), read(''), read('-1'), read('1.5'), read('many')]).toEqual([0, 5000, 100_000, 100_000, 100_000, 100_000, 100_000]);
  });
});
