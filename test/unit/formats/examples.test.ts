/** The sample exports in examples/ and every fixture read cleanly, and every post they give is a valid Post. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { ColumnMapping } from '../../../src/types/contracts.js';
import { fixturePath, postsOf, readExport, rejectionsOf } from './export-files.js';

const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const validatePost = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(await readFile(root('schemas/post.schema.json'), 'utf8')) as object);

describe('examples/', () => {
  it('holds a CrowdTangle sample of about 40 posts from several pages, all readable', async () => {
    const { format, encoding, rows } = await readExport(root('examples/crowdtangle-facebook-sample.csv'));
    expect([format, encoding]).toEqual(['crowdtangle-facebook', 'utf-8-bom']);
    expect(rejectionsOf(rows)).toEqual([]);
    const posts = postsOf(rows);
    expect(posts.length).toBeGreaterThanOrEqual(35);
    expect(new Set(posts.map((post) => post.account_name)).size).toBeGreaterThanOrEqual(8);
    expect(posts.some((post) => post.text.includes('\n'))).toBe(true);
    expect(posts.every((post) => post.created_at?.startsWith('2022') || post.created_at?.startsWith('2023'))).toBe(true);
  });

  it('holds a generic sample of about 20 posts, all readable', async () => {
    const { format, rows } = await readExport(root('examples/posts-generic.csv'));
    expect(format).toBe('generic-csv');
    expect(rejectionsOf(rows)).toEqual([]);
    expect(postsOf(rows)).toHaveLength(20);
    expect(postsOf(rows).every((post) => /^\d{19}$/.test(post.post_id) && post.shares !== null)).toBe(true);
  });
});

describe('posts read from any fixture', () => {
  it('validate against schemas/post.schema.json', async () => {
    const mapping = JSON.parse(await readFile(fixturePath('unusual-headers.mapping.json'), 'utf8')) as ColumnMapping;
    const files: [string, ColumnMapping | undefined][] = [
      [root('examples/crowdtangle-facebook-sample.csv'), undefined],
      [root('examples/posts-generic.csv'), undefined],
      ...['crowdtangle-facebook-page.csv', 'crowdtangle-facebook-group.csv', 'crowdtangle-facebook-2020.csv', 'generic.csv', 'generic-semicolon.csv', 'generic.tsv', 'broken-rows.csv'].map(
        (name): [string, undefined] => [fixturePath(name), undefined],
      ),
      [fixturePath('unusual-headers.csv'), mapping],
    ];
    for (const [path, fileMapping] of files) {
      for (const post of postsOf((await readExport(path, { mapping: fileMapping })).rows)) {
        expect(validatePost(post) ? [] : validatePost.errors, `${path} line ${post.source.row}`).toEqual([]);
      }
    }
  });
});
