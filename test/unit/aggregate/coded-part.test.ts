import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entriesVersion, readPartEntries, renderCodedPart, writeCodedPart, type RowRendering } from '../../../src/aggregate/coded-part.js';
import { postKey } from '../../../src/aggregate/deduplicate.js';
import { PartLog } from '../../../src/aggregate/part-log.js';
import { codedPostOutputColumns } from '../../../src/aggregate/output-columns.js';
import { codedRowRenderer } from '../../../src/aggregate/coded-post-columns.js';
import { applyPrivacy, pseudonymiser } from '../../../src/aggregate/pseudonymise.js';
import { accountKey, factsOf } from '../../../src/aggregate/post-facts.js';
import type { CompiledCodebook } from '../../../src/codebook/compile-codebook.js';
import { loadCodebook } from '../../../src/codebook/load-codebook.js';
import { codePost } from '../../../src/coding/code-post.js';
import { runLayout } from '../../../src/runs/run-layout.js';
import { textPost } from '../../../src/coding/text-post.js';
import type { FileSummary } from '../../../src/queue/job-types.js';
import { csvRow } from '../../../src/aggregate/table-column.js';
import type { CodedPost, Post } from '../../../src/types/contracts.js';
import { newRunDir } from '../../support/run-folder.js';

let runDir: string;
let rendering: RowRendering;
let coded: CodedPost[];
let codebook: CompiledCodebook;

const file = { index: 0, name: 'posts.csv', batches: 1 } as FileSummary;

function post(text: string, fields: Partial<Post>): Post {
  return textPost(text, { file: 'posts.csv', format: 'generic-csv', row: 2 }, { platform: 'facebook', lang: 'en', ...fields });
}

beforeAll(async () => {
  runDir = await mkdtemp(join(tmpdir(), 'ctacode-part-'));
  const { compiled } = await loadCodebook();
  codebook = compiled;
  rendering = { outline: compiled, columns: codedPostOutputColumns(compiled, { noText: false, pseudonymKeyFile: null }), privacy: { pseudonymise: null, noText: false } };
  coded = [
    post('Sign the petition at change.org/p/save-the-park #savethepark', { post_id: '1', account_id: 'a1', likes: 3, comments: 1, shares: null, collected_at: '2024-01-02T00:00:00Z' }),
    post('Nice weather today, "quoted", and a comma', { post_id: '2', account_id: null, account_handle: 'Someone', likes: null, comments: null, shares: null }),
    // A lone surrogate in an id must come back as it went in (UTF-8 would turn it into U+FFFD).
    post('Donate now: gofundme.com/f/help', { post_id: 'x\ud800y', account_id: 'a1', followers: 1000, likes: 10, comments: 0, shares: 2 }),
  ].map((p) => codePost(p, compiled));
});

afterAll(async () => {
  await rm(runDir, { recursive: true, force: true });
});

/** A run directory of its own for each batch written: of several records of a batch, which is read is not defined. */
const freshRun = () => newRunDir(runDir);

async function readBack(dir: string) {
  const parts = [];
  for await (const part of readPartEntries(dir, [file], { withRows: true })) parts.push(part);
  expect(parts).toHaveLength(1);
  return parts[0]!;
}

describe('a coded part, written by a coding worker and read back by the aggregate step', () => {
  it('gives back each post identity, row length, account, targets and facts', async () => {
    const part = renderCodedPart(coded, rendering);
    const dir = await freshRun();
    writeCodedPart(new PartLog(dir), 0, 0, part);
    const { entries, rows } = await readBack(dir);

    expect(entries.length).toBe(3);
    expect(rows!.equals(Buffer.from(part.rows))).toBe(true);
    const { copies } = entries;
    expect(copies.key).toEqual(coded.map((c) => postKey(c.post)));
    expect(copies.key[2]).toBe('facebook\u0000x\ud800y');
    expect(copies.collectedAt).toEqual(['2024-01-02T00:00:00Z', '', '']);
    expect(copies.engagement).toEqual([4, -1, 12]);
    expect(entries.rowBytes.reduce((a, b) => a + b, 0)).toBe(rows!.length);
    expect(copies.account).toEqual(coded.map((c) => accountKey(factsOf(c))));
    expect(copies.targetsUsed).toEqual([coded[0]!.coding.targets, [], coded[2]!.coding.targets]);
    expect(copies.targetsUsed[0]).toContain('#savethepark');
    for (let i = 0; i < coded.length; i++) expect(entries.facts(i)).toEqual(factsOf(coded[i]!));
  });

  it('writes each distinct list of a batch once, and gives every post its own back', async () => {
    // Lists that share a key only if told apart wrongly: one value that looks like two in JSON, and the two.
    const lists = [[], ['vote'], ['vote'], ['["a","b"]'], ['a', 'b'], ['1a'], ['a'], ['vote', 'donate']];
    const withLists = lists.map((targets, i) => {
      const one = coded[i % coded.length]!;
      return { ...one, post: { ...one.post, post_id: `list${i}`, mentions: targets }, coding: { ...one.coding, targets } };
    });
    const part = renderCodedPart(withLists, rendering);
    const { targets } = part.facts;
    // The same list twice is one entry; the others are all told apart.
    expect(targets[1]).toBe(targets[2]);
    expect(new Set(targets).size).toBe(lists.length - 1);
    expect(targets[0]).toBe(0);
    expect(targets.map((index) => part.facts.lists[index])).toEqual(lists);
    const dir = await freshRun();
    writeCodedPart(new PartLog(dir), 0, 0, part);
    const { entries } = await readBack(dir);
    for (let i = 0; i < withLists.length; i++) expect(entries.facts(i)).toEqual(factsOf(withLists[i]!));
  });

  it('gives back account ids, handles, names and platforms of every length, empty and missing, several platforms in one batch', async () => {
    // Around the length where a value goes into the batch's short text (12 characters) and where JSON.parse stops internalizing (10).
    const values = [null, '', 'a', 'Zoë', 'exactly10!', 'eleven-11-!', 'twelve-12-ch', 'thirteen-13-c', 'Zoë «jetzt» 🗳️', '\u0001\u0000"quoted"', 'x'.repeat(300)];
    const withAccounts = values.flatMap((value, i) =>
      (['account_id', 'account_handle', 'account_name'] as const).map((field, f) => {
        const one = coded[(i + f) % coded.length]!;
        return { ...one, post: { ...one.post, post_id: `acct${i}-${f}`, platform: f === 1 ? 'instagram' : one.post.platform, [field]: value } };
      }),
    );
    // Two halves of one emoji, each alone in a post's handle, meet in the batch's short text of handles.
    const halves = ['\ud83d', '\uddf3'].map((handle, i) => ({ ...coded[0]!, post: { ...coded[0]!.post, post_id: `half${i}`, account_handle: handle } }));
    withAccounts.push(...halves);
    const part = renderCodedPart(withAccounts, rendering);
    expect(part.facts.platforms).toEqual(['facebook', 'instagram']);
    expect(part.facts.short.handle.endsWith('\ud83d\uddf3')).toBe(true);
    const dir = await freshRun();
    writeCodedPart(new PartLog(dir), 0, 0, part);
    const { entries } = await readBack(dir);
    for (let i = 0; i < withAccounts.length; i++) expect(entries.facts(i)).toEqual(factsOf(withAccounts[i]!));
  });

  it('splits the rows at the byte lengths it records, also for text beyond ASCII', async () => {
    const part = renderCodedPart([codePost(post('Vote 🗳️ for Zoë, «jetzt»', { post_id: '9' }), codebook), ...coded], rendering);
    const dir = await freshRun();
    writeCodedPart(new PartLog(dir), 0, 0, part);
    const { entries, rows } = await readBack(dir);
    let at = 0;
    for (const bytes of entries.rowBytes) {
      expect(rows!.subarray(at, at + bytes).toString('utf8').endsWith('\n')).toBe(true);
      at += bytes;
    }
    expect(at).toBe(rows!.length);
  });

  it('encodes a batch larger than its first buffer row by row, as UTF-8 text of the same rows would be', async () => {
    // Long posts beyond ASCII (and a lone surrogate in the text, which UTF-8 writes as U+FFFD) make the buffer grow several times.
    const long = Array.from({ length: 400 }, (_, i) => codePost(post(`${'Zoë «jetzt» 🗳️ '.repeat(200)}\ud800 ${i}`, { post_id: `l${i}` }), codebook));
    const part = renderCodedPart(long, rendering);
    const rows = long.map((c) => csvRow(rendering.columns, { coded: c, codebook }));
    expect(part.rows.equals(Buffer.from(rows.join(''), 'utf8'))).toBe(true);
    expect(part.rowBytes).toEqual(rows.map((row) => Buffer.byteLength(row)));
    expect(part.rows.length).toBeGreaterThan(1 << 20);
  });

  it('says a batch\'s entries are damaged, or from another version, and to code the run again', async () => {
    const part = renderCodedPart(coded, rendering);
    const dir = await freshRun();
    writeCodedPart(new PartLog(dir), 0, 0, part);
    const [log] = await readdir(runLayout.work(dir));
    const written = (await readFile(join(runLayout.work(dir), log!), 'utf8')).split('\n');
    // The log's record: its header, the three lines of entries, then the rows.
    const [first, second, third] = [written[1]!, written[2]!, written[3]!];
    const entries = (one: string, two: string, three: string) => `${one}\n${two}\n${three}\n`;
    const version = (line: string) => line.replace(`"version":${entriesVersion}`, `"version":${entriesVersion - 1}`);
    const facts = JSON.parse(third) as { mentions: number[]; lists: unknown[]; platform: number[]; platforms: string[]; short: { handle: string }; accountId: unknown[] };
    const cases = {
      'not three lines': '{"key":"x"}\t["facebook"]\n',
      'one line': `{"version":${entriesVersion}}`,
      'first line of another version': entries(version(first), second, third),
      'second line of another version': entries(first, version(second), third),
      'first line with a column cut short': entries(first.replace(/"engagement":\[[^\]]*\]/, '"engagement":[1]'), second, third),
      'second line with a column cut short': entries(first, second.replace(/"account":\[[^\]]*\]/, '"account":["x"]'), third),
      'third line with a column cut short': entries(first, second, third.replace(/"platform":\[[^\]]*\]/, '"platform":["x"]')),
      'cut off': entries(first, second, third).slice(0, -40),
      'a list that is not there': entries(first, second, JSON.stringify({ ...facts, mentions: facts.mentions.map(() => facts.lists.length) })),
      'a platform that is not there': entries(first, second, JSON.stringify({ ...facts, platform: facts.platform.map(() => facts.platforms.length) })),
      'a short text cut short': entries(first, second, JSON.stringify({ ...facts, short: { ...facts.short, handle: facts.short.handle.slice(1) } })),
      'a short value of no whole length': entries(first, second, JSON.stringify({ ...facts, accountId: facts.accountId.map((cell) => (typeof cell === 'number' ? cell + 0.5 : cell)) })),
    };
    for (const [what, text] of Object.entries(cases)) {
      const damagedRun = await freshRun();
      new PartLog(damagedRun).append(0, 0, [text], part.rows);
      await expect(
        (async () => {
          const { entries: read } = await readBack(damagedRun);
          void read.copies;
          read.facts(0);
        })(),
        what,
      ).rejects.toThrow(/coded batch 0 of posts\.csv .* is damaged or was written by another version of ctacode: code the run again/);
    }
    // The same two lines, undamaged, read back whole.
    const wholeRun = await freshRun();
    new PartLog(wholeRun).append(0, 0, [entries(first, second, third)], part.rows);
    const { entries: whole } = await readBack(wholeRun);
    expect(whole.copies.key).toEqual(part.copies.key);
    for (let i = 0; i < coded.length; i++) expect(whole.facts(i)).toEqual(factsOf(coded[i]!));
  });
});

describe('codedRowRenderer', () => {
  it('renders every row as csvRow does, reusing the cells of the call-to-action columns only for posts without one', () => {
    const posts = [
      post('Nice weather today', { post_id: '10', account_id: 'a2' }),
      post('Vote on Sunday! #vote @cityhall', { post_id: '11', account_id: 'a2', mentions: ['cityhall'] }),
      post('Nothing to do with "politics", really', { post_id: '12', account_id: 'a3', likes: 4 }),
      post('Sign the petition at change.org/p/save-the-park', { post_id: '13', account_id: 'a3' }),
      post('=1+1 is two, @someone said', { post_id: '14', account_id: null, account_handle: 'Someone', mentions: ['someone'] }),
    ].map((p) => codePost(p, codebook));
    expect(posts.filter((c) => c.coding.cta_any).length).toBeGreaterThan(0);
    expect(posts.filter((c) => !c.coding.cta_any).length).toBeGreaterThan(1);
    const privacy = { pseudonymise: pseudonymiser(Buffer.alloc(32, 7)), noText: true };
    const settings = [
      { columns: rendering.columns, privacy: rendering.privacy },
      { columns: codedPostOutputColumns(codebook, { noText: true, pseudonymKeyFile: 'key' }), privacy },
      // The stretch at either end of the row.
      { columns: rendering.columns.filter((c) => c.name.startsWith('cta_')), privacy: rendering.privacy },
      { columns: rendering.columns.filter((c) => c.name === 'post_id' || c.name.startsWith('cta_')), privacy: rendering.privacy },
    ];
    for (const { columns, privacy: shown } of settings) {
      const render = codedRowRenderer(columns);
      for (const c of [...posts, ...posts]) {
        const row = { coded: applyPrivacy(c, shown), codebook };
        expect(render(row)).toBe(csvRow(columns, row));
      }
    }
  });
});
