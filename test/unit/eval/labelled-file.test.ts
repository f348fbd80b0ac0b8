import { describe, expect, it } from 'vitest';
import { LabelledFileError, parseLabel, parseLabelledCsv } from '../../../src/eval/labelled-file.js';

const categories = ['vote', 'share', 'donate'];

describe('parseLabelledCsv', () => {
  it('finds category columns by name (vote or cta_vote) and cta_any', () => {
    const csv = 'id,lang,text,cta_vote,share,cta_any\na1,en,Go vote!,1,0,1\na2,de,"Hallo, Welt",0,0,0\n';
    const file = parseLabelledCsv('x.csv', csv, categories);
    expect(file.categories).toEqual(['vote', 'share']);
    expect(file.anyLabelled).toBe(true);
    expect(file.posts).toHaveLength(2);
    expect(file.posts[0]!.post).toMatchObject({ post_id: 'a1', text: 'Go vote!', lang: null });
    expect([...file.posts[0]!.labels]).toEqual([
      ['vote', true],
      ['share', false],
      ['cta_any', true],
    ]);
    expect(file.posts[1]!.line).toBe(3);
  });

  it('reads the language column and a fixed language', () => {
    const csv = 'text,lang,vote\nGo vote,en,1\nGeht wählen,,1\n';
    const file = parseLabelledCsv('x.csv', csv, categories, { lang: 'lang', fixedLang: 'de' });
    expect(file.posts.map((p) => p.post.lang)).toEqual(['en', 'de']);
  });

  it('maps a single yes/no column that names no category to cta_any (GermEval c2a)', () => {
    const csv = 'id,text,c2a\n1,Geht wählen!,TRUE\n2,Schönes Wetter,FALSE\n';
    const file = parseLabelledCsv('germeval.csv', csv, categories, { labels: ['c2a'], fixedLang: 'de' });
    expect(file.categories).toEqual([]);
    expect(file.anyLabelled).toBe(true);
    expect(file.posts.map((p) => p.labels.get('cta_any'))).toEqual([true, false]);
  });

  it('takes column=category mappings, comma-separated or as separate values', () => {
    const csv = 'body,V,S\nGo vote,1,0\n';
    const file = parseLabelledCsv('x.csv', csv, categories, { text: 'body', labels: ['V=vote,S=share'] });
    expect(file.categories).toEqual(['vote', 'share']);
    expect(file.anyLabelled).toBe(false);
  });

  it('says which row and column holds a label it cannot read', () => {
    const csv = 'text,vote\nGo vote,maybe\n';
    expect(() => parseLabelledCsv('x.csv', csv, categories)).toThrow(/line 2: column "vote" has "maybe"/);
  });

  it('says what is missing', () => {
    expect(() => parseLabelledCsv('x.csv', 'body,vote\nx,1\n', categories)).toThrow(/no column "text"/);
    expect(() => parseLabelledCsv('x.csv', 'text,foo\nx,1\n', categories)).toThrow(/no label columns found/);
    expect(() => parseLabelledCsv('x.csv', 'text,foo,bar\nx,1,0\n', categories, { labels: ['foo', 'bar'] })).toThrow(LabelledFileError);
    expect(() => parseLabelledCsv('x.csv', 'text,vote,cta_vote\nx,1,0\n', categories)).toThrow(/two label columns for vote/);
  });
});

describe('parseLabel', () => {
  it('reads 1/0, true/false, yes/no in any case', () => {
    for (const v of ['1', 'TRUE', 'true', 'Yes', 'x']) expect(parseLabel(v)).toBe(true);
    for (const v of ['0', 'FALSE', 'no', '', ' 0 ']) expect(parseLabel(v)).toBe(false);
    expect(parseLabel('2')).toBeUndefined();
  });
});
