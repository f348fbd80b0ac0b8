import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readLabelledFile } from '../../../src/eval/labelled-file.js';

const file = fileURLToPath(new URL('../../fixtures/labelled/cta-labelled.csv', import.meta.url));
const categories = ['vote', 'protest', 'petition', 'contact', 'donate', 'volunteer', 'boycott', 'share', 'engage', 'follow', 'support', 'inform', 'purchase'];

describe('the labelled evaluation set', () => {
  it('covers all categories, six languages and four account types, with about 45% calls', async () => {
    const labelled = await readLabelledFile(file, categories, { lang: 'lang' });
    expect(labelled.posts.length).toBeGreaterThanOrEqual(400);
    expect(labelled.categories).toEqual(categories);
    expect(labelled.anyLabelled).toBe(true);
    expect(new Set(labelled.posts.map((p) => p.post.lang))).toEqual(new Set(['en', 'de', 'da', 'es', 'fr', 'nl']));
    for (const category of categories) expect(labelled.posts.some((p) => p.labels.get(category)), category).toBe(true);
    const share = labelled.posts.filter((p) => p.labels.get('cta_any')).length / labelled.posts.length;
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.5);
    expect(new Set(labelled.posts.map((p) => p.post.post_id)).size).toBe(labelled.posts.length);
  });

  it('has cta_any = 1 exactly where some category is 1', async () => {
    const labelled = await readLabelledFile(file, categories, { lang: 'lang' });
    for (const { post, labels } of labelled.posts) {
      expect(labels.get('cta_any'), post.post_id).toBe(categories.some((c) => labels.get(c)));
    }
  });

  it('has account types influencer, political, ngo and brand', async () => {
    const { parse } = await import('csv-parse/sync');
    const { readFile } = await import('node:fs/promises');
    const rows = parse(await readFile(file, 'utf8'), { columns: true }) as { account_type: string }[];
    expect(new Set(rows.map((r) => r.account_type))).toEqual(new Set(['influencer', 'political', 'ngo', 'brand']));
  });
});
