/**
 * Deterministic synthetic CrowdTangle-like posts for benchmarks: realistic text lengths, some
 * multi-line messages, about 30% calls to action across the categories, many accounts.
 */
import type { CrowdtanglePost } from '../test/support/crowdtangle-csv.js';

/** mulberry32: a small seeded PRNG, so that the same size always gives the same file. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const calls = [
  'Sign the petition to protect the river before Friday: https://www.change.org/p/save-the-river',
  'Go vote on Sunday and bring a friend!',
  'Join us Saturday at 11am in Market Square for the climate march.',
  'Please share this post with everyone in the neighbourhood.',
  'Donate what you can to the food bank appeal: https://www.gofundme.com/f/food-bank',
  'Call your councillor today and ask them to keep the library open.',
  'Follow our page and turn on notifications for live updates.',
  'Tell us in the comments what you think of the new bus lanes.',
  "Let's show them we will not be ignored.",
  'Read the full report here: https://example.org/report',
  'Stop buying from brands that dump waste in our rivers. #Boycott',
  'Pre-order your copy now and use code SPRING10 for 10% off.',
  'Volunteer with us this summer, sign up at https://example.org/volunteer',
];
const narration = [
  'We marched yesterday with thousands of neighbours.',
  'The council met on Tuesday to discuss the budget.',
  'I voted this morning at the old fire station.',
  'They asked us to donate our surplus bread, and we did.',
  'The petition reached 100,000 signatures last night.',
  'Rain is expected across the region for most of the week.',
  'Our volunteers packed 1,240 parcels for families this winter.',
  'The minister refused to comment on the report.',
  'What a wonderful evening with friends and family.',
  'Prices at the market went up again this month, according to traders.',
  'The new bridge opens to cyclists and pedestrians in spring.',
  'Thank you to everyone who came to the open day.',
];

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

/** `linkSuffix`: appended to the call's link, if it has one ('' keeps the four links of `calls`). */
function message(random: () => number, linkSuffix: string): string {
  const sentences: string[] = [];
  const length = 1 + Math.floor(random() * 4);
  for (let i = 0; i < length; i++) sentences.push(pick(narration, random));
  if (random() < 0.3) {
    // Drawn in this order, so that the default file stays the same as it always was.
    const at = Math.floor(random() * (sentences.length + 1));
    const call = pick(calls, random);
    sentences.splice(at, 0, linkSuffix === '' ? call : call.replace(/https:\/\/\S+/, (link) => `${link}${linkSuffix}`));
  }
  return sentences.join(random() < 0.2 ? '\n\n' : ' ');
}

const thousands = (n: number) => n.toLocaleString('en-US');

/** Whether a count of posts or accounts can make a synthetic file: a whole number above 0. */
export const isWholeAboveZero = (n: number): boolean => Number.isInteger(n) && n > 0;

/** Accounts of a synthetic file of `size` posts unless told: one per 50 posts, at least 100. */
export const defaultAccounts = (size: number) => Math.max(100, Math.floor(size / 50));

export interface SyntheticOptions {
  /**
   * Every link a post of its own (its post number appended), as in real exports, where most links
   * are seen once: the word caches then learn a new link with every call to action that has one,
   * which the four links of the default file never show (docs/operations.md, Memory). Otherwise
   * the same posts.
   */
  distinctLinks?: boolean;
}

/** The posts of a synthetic file of `size` posts, spread over `accounts` accounts. */
export function* syntheticPosts(size: number, seed = 1, accounts = defaultAccounts(size), { distinctLinks = false }: SyntheticOptions = {}): Generator<CrowdtanglePost> {
  const random = seededRandom(seed);
  const start = Date.UTC(2023, 0, 1);
  for (let i = 0; i < size; i++) {
    const account = Math.floor(random() * accounts);
    const created = new Date(start + Math.floor(random() * 365 * 86_400_000)).toISOString().replace('T', ' ').slice(0, 19);
    yield {
      page: `Page ${account}`,
      handle: `page${account}`,
      pageId: String(100_000_000_000 + account),
      postId: String(1_016_000_000_000_000_000n + BigInt(i)),
      created: `${created} UTC`,
      message: message(random, distinctLinks ? `-${i}` : ''),
      likes: thousands(Math.floor(random() * 5000)),
      comments: thousands(Math.floor(random() * 500)),
      shares: thousands(Math.floor(random() * 300)),
      followers: thousands(1000 + account * 37),
    };
  }
}
