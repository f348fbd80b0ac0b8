import { describe, expect, it } from 'vitest';
import { codedPostColumns } from '../../../src/aggregate/coded-post-columns.js';
import { CodebookError } from '../../../src/codebook/codebook-error.js';
import { compileCodebook } from '../../../src/codebook/compile-codebook.js';
import { codePost } from '../../../src/coding/code-post.js';
import type { Codebook, CodebookFrame, Post } from '../../../src/types/contracts.js';

function post(text: string, lang: string): Post {
  return {
    platform: 'x', post_id: '1', account_id: null, account_handle: null, account_name: null, created_at: null, text, url: null,
    links: [], hashtags: [], mentions: [], post_type: null, lang, followers: null, likes: null, comments: null, shares: null,
    views: null, reactions: null, is_repost: null, source: { file: 't', format: 't', row: 2 },
  };
}

/** Three levels under one function: mobilisation → offline → protest → strike, and a second branch. */
function hierarchy(): Codebook {
  return {
    id: 'nested',
    version: '1.0.0',
    title: 'Nested categories',
    languages: ['en', 'de'],
    functions: [{ id: 'mobilisation', label: 'Mobilisation', definition: 'Asked to act.' }],
    rules: { en: { frames: [{ id: 'imperative', type: 'clause-start' }] }, de: { frames: [{ id: 'imperative', type: 'clause-start' }] } },
    categories: [
      { id: 'offline', label: 'Offline', function: 'mobilisation', definition: 'Act offline.', cues: {} },
      { id: 'protest', label: 'Protest', parent: 'offline', definition: 'Attend a protest.', cues: { en: { actions: ['march'] } } },
      {
        id: 'strike',
        label: 'Strike',
        parent: 'protest',
        definition: 'Go on strike.',
        cues: { en: { actions: ['strike'] }, de: { stems: ['streik'] } },
        examples: { en: { positive: ['Strike on Monday!'], negative: ['We marched.'] }, de: { positive: ['Streiks überall'] } },
      },
      { id: 'online', label: 'Online', function: 'mobilisation', definition: 'Act online.', cues: { en: { phrases: ['~petition'] } } },
    ],
  } as Codebook;
}

describe('hierarchy', () => {
  it('codes every ancestor of a coded category, and not its children', () => {
    const compiled = compileCodebook(hierarchy());
    expect(codePost(post('Strike on Monday!', 'en'), compiled).coding).toMatchObject({ categories: ['offline', 'protest', 'strike'], functions: ['mobilisation'] });
    expect(codePost(post('March with us!', 'en'), compiled).coding.categories).toEqual(['offline', 'protest']);
    expect(codePost(post('Petitions matter', 'en'), compiled).coding.categories).toEqual(['online']);
  });

  it('records the evidence of the child, which explains its parents', () => {
    const { evidence } = codePost(post('Strike on Monday!', 'en'), compileCodebook(hierarchy())).coding;
    expect(evidence).toEqual([{ category: 'strike', rule: 'imperative', cue: 'strike', text: 'Strike', start: 0, end: 6 }]);
  });

  it('gives every node a 0/1 column, in codebook order, and children their function', () => {
    const compiled = compileCodebook(hierarchy());
    expect(compiled.categories.map((c) => `${c.id}:${c.function}:${c.parent ?? '-'}`)).toEqual([
      'offline:mobilisation:-',
      'protest:mobilisation:offline',
      'strike:mobilisation:protest',
      'online:mobilisation:-',
    ]);
    const columns = codedPostColumns(compiled).map((c) => c.name);
    expect(columns.filter((name) => name.startsWith('cta_') && !['cta_any', 'cta_n', 'cta_categories', 'cta_evidence', 'cta_targets'].includes(name))).toEqual([
      'cta_offline',
      'cta_protest',
      'cta_strike',
      'cta_online',
      'cta_fn_mobilisation',
    ]);
  });

  it.each([
    [(c: Codebook) => (c.categories[1]!.parent = 'nothing'), '/categories/1/parent: "nothing" is not a category id'],
    [(c: Codebook) => (c.categories[0]!.parent = 'strike'), '/categories/0/parent: "offline" would be its own ancestor (offline → strike → protest → offline)'],
    [(c: Codebook) => (c.categories[2]!.function = 'other'), '/categories/2/function: "other" is not a function id (mobilisation)'],
    [(c: Codebook) => delete c.categories[3]!.function, '/categories/3: needs a "function" (or a "parent" category to take it from)'],
  ])('rejects a broken hierarchy (%#)', (change, message) => {
    const document = hierarchy();
    change(document);
    expect(() => compileCodebook(document)).toThrow(message);
  });

  it('rejects a child whose function differs from its parent’s', () => {
    const document = hierarchy();
    document.functions.push({ id: 'other', label: 'Other', definition: 'Else.' });
    document.categories[2]!.function = 'other';
    expect(() => compileCodebook(document)).toThrow('/categories/2/function: "other" differs from the function of its parent "protest" (mobilisation); leave it out');
  });
});

describe('stems', () => {
  it('match every word with the same stem in the post’s language (natural’s Snowball stemmers)', () => {
    const compiled = compileCodebook(hierarchy());
    expect(codePost(post('Heute Streiks überall', 'de'), compiled).coding.evidence).toEqual([
      { category: 'strike', rule: 'stem', cue: 'streik', text: 'Streiks', start: 6, end: 13 },
    ]);
    expect(codePost(post('Der Streik geht weiter', 'de'), compiled).coding.categories).toContain('strike');
    expect(codePost(post('Streichen', 'de'), compiled).coding.categories).toEqual([]);
  });

  it('work in Danish with the Snowball stemmer of snowball-stemmers', () => {
    const document = hierarchy();
    document.languages.push('da');
    document.categories[3]!.cues.da = { stems: ['underskriftindsamling'] };
    const compiled = compileCodebook(document);
    expect(codePost(post('Tak for underskriftindsamlingen', 'da'), compiled).coding.categories).toEqual(['online']);
  });

  it('are not allowed under any, nor in a language without a stemmer', () => {
    const independent = hierarchy();
    independent.categories[3]!.cues.any = { stems: ['petition'] };
    expect(() => compileCodebook(independent)).toThrow("/categories/3/cues/any/stems: stems need the language's stemmer; put them under a language key");
    const unknown = hierarchy();
    unknown.languages.push('xx');
    unknown.categories[3]!.cues.xx = { phrases: ['~petition'] };
    expect(() => compileCodebook(unknown)).toThrow(CodebookError);
    expect(() => compileCodebook(unknown)).toThrow(/\/categories\/3\/cues\/xx\/phrases\/0: "xx" has no stemmer/);
  });
});

describe('frame options', () => {
  const base = (frames: [CodebookFrame, ...CodebookFrame[]]): Codebook =>
    ({
      id: 'frames',
      version: '1.0.0',
      title: 'Frames',
      languages: ['de'],
      functions: [{ id: 'f', label: 'F', definition: 'F.' }],
      rules: { de: { frames } },
      categories: [
        { id: 'buy', label: 'Buy', function: 'f', definition: 'Buy.', cues: { de: { actions: [{ cue: 'kauft', not_with: ['negated'] }] } } },
        { id: 'boycott', label: 'Boycott', function: 'f', definition: 'Boycott.', cues: { de: { actions: [{ cue: 'kauft', only_with: ['negated'] }, 'auf die straße gehen'] } } },
      ],
    }) as Codebook;

  it('followed_by: the negation after the verb, within gap tokens, is part of the call', () => {
    const compiled = compileCodebook(
      base([
        { id: 'imperative', type: 'clause-start', not_followed_by: ['nicht', 'sie'] },
        { id: 'negated', type: 'clause-start', followed_by: ['nicht'], gap: 2 },
      ]),
    );
    expect(codePost(post('Kauft lokal!', 'de'), compiled).coding.categories).toEqual(['buy']);
    expect(codePost(post('Kauft nicht bei X', 'de'), compiled).coding.evidence.map((e) => `${e.category}:${e.text}`)).toEqual(['boycott:Kauft nicht']);
    expect(codePost(post('Kauft sie nicht', 'de'), compiled).coding.evidence.map((e) => `${e.category}:${e.text}`)).toEqual(['boycott:Kauft sie nicht']);
  });

  it('gap: verb-last languages reach the action after other words', () => {
    const negated: CodebookFrame = { id: 'negated', type: 'clause-start', followed_by: ['nicht'] };
    const withGap = compileCodebook(base([{ id: 'hortative', type: 'before-action', phrases: ['lasst uns'], gap: 3 }, negated]));
    const without = compileCodebook(base([{ id: 'hortative', type: 'before-action', phrases: ['lasst uns'] }, negated]));
    expect(codePost(post('Lasst uns am Samstag auf die Straße gehen', 'de'), withGap).coding.categories).toEqual(['boycott']);
    expect(codePost(post('Lasst uns am Samstag auf die Straße gehen', 'de'), without).coding.categories).toEqual([]);
  });
});
