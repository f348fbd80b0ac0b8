/**
 * Property tests for the JSON formats: whatever a JSON-looking file holds, reading it throws
 * nothing but ExportFileError, every row is a post or a rejection with a line, and every item of
 * a well-formed file is accounted for.
 */
import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ExportFileError, type RowResult } from '../../../src/formats/export-file.js';
import { openExport } from '../../../src/formats/open-export.js';
import { fixturePath, temporaryFolder } from './export-files.js';

const folder = await temporaryFolder();
afterAll(() => folder.remove());

type Read = { format: string; rows: RowResult[] } | { error: ExportFileError };

async function readAny(path: string, fileName?: string): Promise<Read> {
  try {
    const opened = await openExport(path, { fileName });
    const rows: RowResult[] = [];
    for await (const row of opened.rows) rows.push(row);
    return { format: opened.format, rows };
  } catch (error) {
    if (error instanceof ExportFileError) return { error };
    throw error;
  }
}

function expectWellFormedRows(read: Read, lineCount: number): void {
  if ('error' in read) return;
  let previous = 0;
  for (const row of read.rows) {
    expect(['post', 'rejected']).toContain(row.kind);
    expect(row.line).toBeGreaterThanOrEqual(previous);
    expect(row.line).toBeLessThanOrEqual(lineCount);
    previous = row.line;
    if (row.kind === 'rejected') expect(row.reason.length).toBeGreaterThan(0);
  }
}

const JSON_FIXTURES = [
  'twarc2-raw.jsonl', 'twarc2-flat.jsonl', 'tiktok-research.json', 'tiktok-research-pages.jsonl', 'zeeschuimer.ndjson',
  'apify-instagram.json', 'apify-tiktok.json', 'telegram-channel.json', 'telegram-account.json', 'youtube-videos.json',
  'youtube-search.json', 'bluesky-posts.json', 'bluesky-sdk.ndjson', 'bluesky-feed.json', 'mastodon-statuses.json', 'generic.ndjson',
];

const jsonishChar = fc.constantFrom('{', '}', '[', ']', '"', '"', ':', ',', '\\', 'a', 'text', 'id', '1', '0', '-', '.', 'e', ' ', '\n', '\n', 'null', 'true', 'é', '✊', '\u2028');
const jsonishText = fc.string({ unit: jsonishChar, maxLength: 300 });

describe('reading any JSON-looking file', () => {
  it('throws nothing but ExportFileError for random JSON-ish text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('{', '[', '{\n', '[\n', '{"data":[', '{"messages":[', '[{"text":'), jsonishText, async (head, body) => {
        const text = head + body;
        expectWellFormedRows(await readAny(await folder.write('any.json', text)), text.split('\n').length);
      }),
      { numRuns: 400 },
    );
  });

  it('throws nothing but ExportFileError for random bytes after a JSON start', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('{', '[', '{"id":1}\n', '[{"text":"a"},'), fc.uint8Array({ maxLength: 300 }), async (head, bytes) => {
        const content = Buffer.concat([Buffer.from(head), bytes]);
        expectWellFormedRows(await readAny(await folder.write('bytes.json', content)), content.toString('latin1').split('\n').length);
      }),
      { numRuns: 300 },
    );
  });

  it('reads a truncated export up to the cut as the whole one, for every JSON fixture', async () => {
    for (const name of JSON_FIXTURES) {
      const whole = await readFile(fixturePath(name));
      const complete = await readAny(fixturePath(name));
      if ('error' in complete) throw complete.error;
      const lineStarts = [0];
      whole.forEach((byte, offset) => byte === 0x0a && lineStarts.push(offset + 1));
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: whole.length - 1 }), async (cut) => {
          const result = await readAny(await folder.write(`cut-${name}`, whole.subarray(0, cut)), name);
          expectWellFormedRows(result, lineStarts.length);
          if ('error' in result || result.format !== complete.format) return;
          complete.rows.forEach((row, index) => {
            // A row is whole in the cut file when a later item starts inside the cut.
            const next = complete.rows.slice(index + 1).find((later) => later.line > row.line);
            if (next === undefined || lineStarts[next.line - 1]! + 1 >= cut) return;
            expect(result.rows).toContainEqual(row);
          });
        }),
        { numRuns: 60 },
      );
    }
  });
});

describe('every item of a JSON export is one row', () => {
  /** One-post items of each format, from the fixtures, and how a file of them is written. */
  const fixtureJson = async (name: string): Promise<unknown> => JSON.parse(await readFile(fixturePath(name), 'utf8'));
  const templates: { name: string; layout: 'array' | 'ndjson' | 'telegram'; items: () => Promise<unknown[]> }[] = [
    { name: 'telegram-channel.json', layout: 'telegram', items: async () => (await fixtureJson('telegram-channel.json') as { messages: unknown[] }).messages },
    { name: 'youtube-videos.json', layout: 'array', items: async () => (await fixtureJson('youtube-videos.json') as { items: unknown[] }).items },
    { name: 'tiktok-research.json', layout: 'array', items: async () => (await fixtureJson('tiktok-research.json') as { data: { videos: unknown[] } }).data.videos },
    { name: 'apify-instagram.json', layout: 'array', items: async () => JSON.parse(await readFile(fixturePath('apify-instagram.json'), 'utf8')) as unknown[] },
    { name: 'apify-tiktok.json', layout: 'array', items: async () => JSON.parse(await readFile(fixturePath('apify-tiktok.json'), 'utf8')) as unknown[] },
    { name: 'mastodon-statuses.json', layout: 'array', items: async () => JSON.parse(await readFile(fixturePath('mastodon-statuses.json'), 'utf8')) as unknown[] },
    { name: 'bluesky-posts.json', layout: 'array', items: async () => JSON.parse(await readFile(fixturePath('bluesky-posts.json'), 'utf8')) as unknown[] },
    { name: 'zeeschuimer.ndjson', layout: 'ndjson', items: async () => (await readFile(fixturePath('zeeschuimer.ndjson'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as unknown) },
    { name: 'twarc2-flat.jsonl', layout: 'ndjson', items: async () => (await readFile(fixturePath('twarc2-flat.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as unknown) },
    { name: 'bluesky-sdk.ndjson', layout: 'ndjson', items: async () => (await readFile(fixturePath('bluesky-sdk.ndjson'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as unknown) },
  ];
  const anyValue = fc.oneof(
    fc.constant(null), fc.boolean(), fc.integer(), fc.double(), fc.string({ maxLength: 20 }), fc.constant(''), fc.constant(-1),
    fc.bigInt({ min: 10n ** 18n, max: 10n ** 19n - 1n }).map((id) => ({ bigId: String(id) })),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  );

  /** Replaces or deletes values at random keys (nested ones too). */
  function mutate(value: unknown, edits: readonly { pick: number; replacement: unknown; remove: boolean }[]): unknown {
    const copy = structuredClone(value) as Record<string, unknown>;
    for (const edit of edits) {
      let target: Record<string, unknown> = copy;
      for (let depth = 0; depth < 3; depth++) {
        const keys = Object.keys(target);
        if (keys.length === 0) break;
        const key = keys[edit.pick % keys.length]!;
        const child = target[key];
        if (depth < 2 && typeof child === 'object' && child !== null && !Array.isArray(child) && edit.pick % 2 === 0) {
          target = child as Record<string, unknown>;
          continue;
        }
        if (edit.remove) delete target[key];
        else target[key] = edit.replacement;
        break;
      }
    }
    return copy;
  }

  /** JSON text in which `{bigId: "…"}` values are written as bare 19-digit numbers. */
  const serialise = (value: unknown): string => JSON.stringify(value).replace(/\{"bigId":"(\d+)"\}/g, '$1');

  for (const template of templates) {
    it(`${template.name}: randomly damaged items still give one row each`, async () => {
      const originals = await template.items();
      const edit = fc.record({ pick: fc.nat(), replacement: anyValue, remove: fc.boolean() });
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(fc.nat(), fc.array(edit, { maxLength: 4 })), { minLength: 1, maxLength: 6 }), async (specs) => {
          const items = specs.map(([index, edits]) => mutate(originals[index % originals.length], edits));
          const text = template.layout === 'array' ? `[\n${items.map(serialise).join(',\n')}\n]\n`
            : template.layout === 'telegram' ? `{\n "name": "Chat",\n "type": "public_channel",\n "id": 1387877165,\n "messages": [\n${items.map(serialise).join(',\n')}\n ]\n}\n`
              : `${items.map(serialise).join('\n')}\n`;
          const read = await readAny(await folder.write(template.name, text));
          if ('error' in read) return; // the damage hid the format's keys and no text field is left to find
          expect(read.rows).toHaveLength(items.length);
          const firstLine = { array: 2, telegram: 6, ndjson: 1 }[template.layout];
          expect(read.rows.map((row) => row.line)).toEqual(items.map((_, index) => firstLine + index));
        }),
        { numRuns: 60 },
      );
    });
  }
});

describe('19-digit ids in JSON numbers', () => {
  it('survive exactly, in NDJSON and in documents', async () => {
    await fc.assert(
      fc.asyncProperty(fc.bigInt({ min: 10n ** 18n, max: 10n ** 19n - 1n }), fc.boolean(), async (id, asDocument) => {
        const item = `{"id": ${id}, "text": "Sign the petition", "created_at": "2024-01-01T00:00:00Z"}`;
        const read = await readAny(await folder.write('ids.json', asDocument ? `[\n${item}\n]\n` : `${item}\n`));
        if ('error' in read) throw read.error;
        expect(read.rows).toMatchObject([{ kind: 'post', post: { post_id: String(id) } }]);
      }),
      { numRuns: 50 },
    );
  });
});
