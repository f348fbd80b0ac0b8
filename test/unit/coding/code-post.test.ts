import { beforeAll, describe, expect, it } from 'vitest';
import { loadCodebook } from '../../../src/codebook/load-codebook.js';
import type { CompiledCodebook } from '../../../src/codebook/compile-codebook.js';
import { codePost } from '../../../src/coding/code-post.js';
import { sentimentOf } from '../../../src/coding/sentiment.js';
import type { Coding, Post } from '../../../src/types/contracts.js';
import { textPost } from '../../../src/coding/text-post.js';

let codebook: CompiledCodebook;
beforeAll(async () => {
  codebook = (await loadCodebook()).compiled;
});

function post(text: string, fields: Partial<Post> = {}): Post {
  return textPost(text, { file: 'test.csv', format: 'generic-csv', row: 2 }, { platform: 'twitter', post_id: '1', ...fields });
}

function code(text: string, fields: Partial<Post> = {}): Coding {
  return codePost(post(text, { lang: 'en', ...fields }), codebook).coding;
}

/** "category/rule" of every evidence, in order. */
function calls(text: string): string[] {
  return code(text).evidence.map((e) => `${e.category}/${e.rule}`);
}

describe('calls to action, by the rule that makes them', () => {
  it.each([
    ['Sign the petition today.', 'petition/imperative'],
    ['Please share!', 'share/imperative'],
    ['👉 @greens Donate now', 'donate/imperative'],
    ['If you can, donate.', 'donate/imperative'],
    ["Let's all go vote tomorrow", 'vote/hortative'],
    ['We must march on Friday.', 'protest/hortative'],
    ['You have to watch this.', 'inform/deontic'],
    ['Make sure you register to vote!', 'vote/deontic'],
    ["Don't forget to subscribe", 'follow/deontic'],
    ['Help us spread the word', 'share/deontic'],
    ['Will you join us Saturday?', 'protest/inviting-question'],
    ['Why not chip in $5?', 'donate/inviting-question'],
    ['So can you sign it please?', 'petition/inviting-question'],
    ["Don't vote for the bully.", 'vote/negative-directive'],
    ["Don't buy from companies that fund hate.", 'boycott/negative-directive'],
    ['Never vote for them again', 'vote/negative-directive'],
    ["You shouldn't shop at Walmart.", 'boycott/negative-deontic'],
    ['Link in bio to donate 💛', 'donate/action-link'],
    ['Click here to sign', 'petition/action-link'],
    ['Get out the vote this weekend', 'vote/phrase'],
    ['20% off everything with promo code FALL', 'purchase/phrase'],
    ['#DeleteUber', 'boycott/hashtag'],
    ['https://www.change.org/p/stop-the-cuts', 'petition/domain'],
  ])('%s → %s', (text, expected) => {
    expect(calls(text)).toContain(expected);
  });

  it('codes every coordinated action under the rule of the first', () => {
    expect(calls('Like, share and subscribe.')).toEqual(['engage/imperative', 'share/imperative', 'follow/imperative']);
    expect(calls('Sign the petition and share it')).toEqual(['petition/imperative', 'share/imperative']);
    expect(calls("Let's sign and share")).toEqual(['petition/hortative', 'share/hortative']);
  });

  it('lets the longest cue at a position win across categories', () => {
    expect(code('Share your thoughts below').categories).toEqual(['engage']);
    expect(code('Sign up today').categories).toEqual(['volunteer']);
    expect(code('Vote in the poll below!').categories).toEqual(['engage']);
  });

  it('lets the longest rule phrase at a position win', () => {
    expect(code("You don't need to share this").cta_any).toBe(false);
    expect(code("Don't share this").categories).toEqual(['share']);
    expect(code('Click here to donate').categories).toEqual(['donate']);
  });

  it('codes several categories in one post', () => {
    const coding = code('Sign the petition! Then call your senator and donate.');
    expect(coding.categories).toEqual(['petition', 'contact', 'donate']);
    expect(coding.functions).toEqual(['mobilisation']);
  });

  it('fixes headline nouns and labels that looked like imperatives', () => {
    for (const text of ['Protest planned for Saturday', 'Strike ends after three weeks', 'Support grows for the nurses', 'Read: Minister resigns', 'WATCH: the moment the bridge fell']) {
      expect(code(text).cta_any, text).toBe(false);
    }
    expect(code('Read the report: example.org').categories).toEqual(['inform']);
  });

  it('codes functions in codebook order', () => {
    expect(code('Buy the book and follow us').functions).toEqual(['interaction', 'commercial']);
  });
});

describe('no call to action', () => {
  it.each([
    // reported calls
    'They asked us to donate.',
    'The party urged voters to turn out.',
    'She said "vote for me" at the rally.',
    // self-reports and narration
    'I voted today!',
    'We marched yesterday.',
    'I will sign it tonight.',
    "I don't vote.",
    'I never share anything.',
    // statements about an action
    'The petition reached 100k signatures.',
    'Vote counts are in.',
    'Share prices fell 5% today.',
    // negated as a whole
    "You don't need to share this.",
    'No need to donate, we made it!',
    "You don't have to like or share it.",
    // noun and other uses of cue words
    'March 3 is the deadline.',
    'See you there!',
    'Watch out for scams.',
    'Sign in to your account first.',
    'Sign language is a language.',
    'Like I said, it was fine.',
    'Follow the money.',
    'RT @bob: the march was great',
  ])('%s', (text) => {
    expect(code(text)).toMatchObject({ cta_any: false, categories: [], evidence: [], targets: [] });
  });

  it('cancels a whole coordinated call, and only that call', () => {
    expect(code("You don't need to like, share or comment").cta_any).toBe(false);
    expect(code("You don't need to donate, just share").categories).toEqual(['share']);
  });
});

describe('evidence', () => {
  const texts = [
    'Please, please share this!! And sign: change.org/p/x',
    '🚨🚨 Don’t forget to vote 🗳️ on Tuesday, everyone!',
    'Like, share and subscribe 👍🏽 #GoVote',
    'Hi 👋🏾 – if you can, chip in €5 today: https://gofundme.com/f/a?utm_source=x',
  ];

  it.each(texts)('spans are UTF-16 offsets of the text: %s', (text) => {
    const { evidence } = code(text);
    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it('records the frame, the cue as written and the text from the frame to the action', () => {
    expect(code('Make sure you register to vote!').evidence).toEqual([
      { category: 'vote', rule: 'deontic', cue: 'register to vote', text: 'Make sure you register to vote', start: 0, end: 30 },
    ]);
    expect(code('Please, please share this').evidence[0]).toMatchObject({ text: 'please share', start: 8, end: 20 });
  });

  it('marks matches outside the text with -1', () => {
    const coding = code('Our new campaign', { links: ['https://www.gofundme.com/f/help'], hashtags: ['govote'] });
    expect(coding.evidence).toEqual([
      { category: 'vote', rule: 'hashtag', cue: 'govote', text: '#govote', start: -1, end: -1 },
      { category: 'donate', rule: 'domain', cue: 'gofundme.com', text: 'https://www.gofundme.com/f/help', start: -1, end: -1 },
    ]);
  });

  it('records a link found in the text once, with its span', () => {
    const text = 'Sign at change.org/p/x';
    const { evidence } = code(text, { links: ['https://change.org/p/x'] });
    expect(evidence.filter((e) => e.rule === 'domain')).toEqual([
      { category: 'petition', rule: 'domain', cue: 'change.org', text: 'change.org/p/x', start: 8, end: 22 },
    ]);
  });

  it('sums the weights of distinct cues against the threshold', () => {
    expect(code('#vote').cta_any).toBe(false);
    expect(code('#vote #vote').cta_any).toBe(false);
    expect(code('#vote 🗳️').categories).toEqual(['vote']);
  });
});

describe('targets', () => {
  it('lists normalised links and the hashtags and mentions of sentences with a call', () => {
    const coding = code('Great day with @alice. Sign the petition, @Bob! #SaveTheBees', {
      links: ['HTTPS://Change.org/p/bees/?utm_source=twitter&ref=a', 'https://example.org/'],
    });
    expect(coding.targets).toEqual(['#savethebees', '@bob', 'https://change.org/p/bees?ref=a', 'https://example.org']);
  });

  it('includes links written in the text', () => {
    expect(code('Donate: gofundme.com/f/sam/').targets).toEqual(['https://gofundme.com/f/sam']);
  });

  it('is empty without a call', () => {
    expect(code('Lovely day #sun @bob', { links: ['https://example.org'] }).targets).toEqual([]);
  });
});

describe('sentiment', () => {
  it('is sentimentOf the text in the coded language', () => {
    for (const [text, lang] of [
      ['I love this, it is wonderful', 'en'],
      ['Das ist wunderbar, ich liebe es', 'de'],
      ['Lovely day', null],
    ] as const) {
      const coding = code(text, { lang });
      expect(coding.sentiment).toEqual(sentimentOf(text, coding.lang));
    }
  });
});

describe('language', () => {
  it('is the language the export states (en-GB is en)', () => {
    expect(code('Vote!', { lang: 'en-GB' })).toMatchObject({ lang: 'en', lang_source: 'export', lang_status: 'coded' });
    expect(code('Geht wählen!', { lang: 'de' })).toMatchObject({ lang: 'de', lang_source: 'export', lang_status: 'coded', categories: ['vote'] });
  });

  it('is detected where the export states none (or und)', () => {
    expect(code('Unterschreibt die Petition gegen die Kürzungen!', { lang: null })).toMatchObject({ lang: 'de', lang_source: 'detected', lang_status: 'coded', categories: ['petition'] });
    expect(code('Signez la pétition avant vendredi !', { lang: 'und' })).toMatchObject({ lang: 'fr', lang_source: 'detected', categories: ['petition'] });
  });

  it('codes a post in a language without rules by its language-independent cues only, and flags it', () => {
    const coding = code('Firma la petizione! Vote! change.org/p/x', { lang: 'it' });
    expect(coding).toMatchObject({ lang: 'it', lang_source: 'export', lang_status: 'independent-cues-only', categories: ['petition'] });
    expect(coding.evidence.map((e) => e.rule)).toEqual(['domain']);
  });

  it('never codes a detected language the codebook lacks as another language', () => {
    const coding = code('Firmate la petizione prima di venerdì, grazie a tutti voi!', { lang: null });
    expect(coding).toMatchObject({ lang: 'it', lang_source: 'detected', lang_status: 'independent-cues-only', cta_any: false });
  });

  it('is undetermined where a post has no words', () => {
    expect(code('🗳️ #GoVote https://vote.org', { lang: null })).toMatchObject({ lang: null, lang_source: null, lang_status: 'undetermined', categories: ['vote'] });
  });
});

it('is deterministic', () => {
  const text = 'Like, share and subscribe! Link in bio to donate. #GoVote @bob';
  expect(codePost(post(text), codebook)).toEqual(codePost(post(text), codebook));
});

// Throughput is measured by bench/coding-speed.ts (npx tsx bench/coding-speed.ts), never asserted.
