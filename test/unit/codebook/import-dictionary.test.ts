import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CodebookError } from '../../../src/codebook/codebook-error.js';
import { compileCodebook } from '../../../src/codebook/compile-codebook.js';
import { importDictionary } from '../../../src/codebook/import-dictionary.js';
import { codePost } from '../../../src/coding/code-post.js';
import type { Post } from '../../../src/types/contracts.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/codebook/${name}`, import.meta.url));

function post(text: string): Post {
  return {
    platform: 'x', post_id: '1', account_id: null, account_handle: null, account_name: null, created_at: null, text, url: null,
    links: [], hashtags: [], mentions: [], post_type: null, lang: 'en', followers: null, likes: null, comments: null, shares: null,
    views: null, reactions: null, is_repost: null, source: { file: 't', format: 't', row: 2 },
  };
}

describe('LIWC .dic', () => {
  it('becomes one category per dictionary category, its entries phrases (or regular expressions for other wildcards)', async () => {
    const file = fixture('mobilise.dic');
    const { format, codebook, skipped } = importDictionary(file, await readFile(file, 'utf8'));
    expect(format).toBe('liwc');
    expect(codebook).toMatchObject({ id: 'mobilise', languages: ['en'], functions: [{ id: 'dictionary' }] });
    expect(codebook.categories.map((c) => [c.id, c.function, c.cues.en])).toEqual([
      ['action', 'dictionary', { phrases: ['march*', 'protest*', 'sign the petition', 'chip in', 'volunteer*'] }],
      ['money', 'dictionary', { phrases: ['donat*', 'fund*', 'chip in'] }],
      ['community', 'dictionary', { phrases: ['volunteer*', 'like'], regex: [String.raw`(?<![\p{L}\p{M}\p{N}])neighbo[\p{L}\p{M}\p{N}'’-]r(?![\p{L}\p{M}\p{N}])`] }],
    ]);
    expect(skipped.map((s) => s.path)).toEqual(['line 14', 'line 15']);
  });

  it('codes posts by presence of the entries', async () => {
    const file = fixture('mobilise.dic');
    const compiled = compileCodebook(importDictionary(file, await readFile(file, 'utf8')).codebook);
    expect(codePost(post('We are marching and donating, neighbour'), compiled).coding.categories).toEqual(['action', 'money', 'community']);
    expect(codePost(post('Nothing here'), compiled).coding.categories).toEqual([]);
  });

  it('says what is wrong with a file that is no dictionary', () => {
    expect(() => importDictionary('x.dic', 'march* 1\n')).toThrow(new CodebookError('x.dic', [{ path: 'line 1', message: 'a LIWC dictionary starts with its category table between two lines holding only %; add them' }]));
    expect(() => importDictionary('x.txt', '')).toThrow(/neither a LIWC dictionary \(\.dic\) nor a quanteda YAML dictionary/);
  });
});

describe('quanteda YAML', () => {
  it('becomes categories, nested keys subcategories of any depth', async () => {
    const file = fixture('mobilise-quanteda.yml');
    const { format, codebook } = importDictionary(file, await readFile(file, 'utf8'), { language: 'en', id: 'mob' });
    expect(format).toBe('quanteda-yaml');
    expect(codebook.id).toBe('mob');
    expect(codebook.categories.map((c) => `${c.id}<${c.parent ?? c.function}`)).toEqual([
      'mobilisation<dictionary',
      'offline<mobilisation',
      'online<mobilisation',
      'economy<dictionary',
    ]);
    const compiled = compileCodebook(codebook);
    expect(codePost(post('Take to the streets, then retweet!'), compiled).coding.categories).toEqual(['mobilisation', 'offline', 'online']);
    expect(codePost(post('Inflation and wages'), compiled).coding.categories).toEqual(['economy']);
  });

  it('refuses a codebook given as a dictionary', () => {
    expect(() => importDictionary('cb.yaml', 'id: x\ncategories: []\n')).toThrow(/already a ctacode codebook; use ctacode codebook validate/);
  });
});
