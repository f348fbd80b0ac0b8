import type { CodebookOutline } from '../../../src/aggregate/coded-post-columns.js';
import type { PostFacts } from '../../../src/aggregate/post-facts.js';
import { utcMilliseconds } from '../../../src/formats/timestamps.js';

/** What a test names of a post: its time as created_at would have it (ISO 8601 UTC, or null). */
export type FactsOverrides = Partial<Omit<PostFacts, 'createdMs'>> & { account: string; createdAt?: string | null };

/** A post as the tables see it; only what a test names differs from a plain non-CTA post. */
export function facts(overrides: FactsOverrides): PostFacts {
  const { account, createdAt = '2024-03-01T12:00:00Z', ...rest } = overrides;
  return {
    platform: 'facebook',
    accountId: account,
    handle: account,
    name: account.toUpperCase(),
    createdMs: utcMilliseconds(createdAt),
    ctaAny: false,
    categories: [],
    functions: [],
    targets: [],
    mentions: [],
    sentimentScore: 0,
    followers: null,
    interactions: null,
    engagementRate: null,
    ...rest,
  };
}

/** A CTA post using the given targets. */
export const cta = (account: string, createdAt: string, targets: string[], more: Omit<FactsOverrides, 'account'> = {}): PostFacts =>
  facts({ account, createdAt, targets, ctaAny: true, categories: ['petition'], functions: ['mobilisation'], ...more });

export const outline: CodebookOutline = {
  id: 'test',
  version: '1',
  functions: [
    { id: 'mobilisation', label: 'Mobilisation' },
    { id: 'interaction', label: 'Interaction' },
  ],
  categories: [
    { id: 'petition', label: 'Petition', function: 'mobilisation' },
    { id: 'donate', label: 'Donate', function: 'mobilisation' },
    { id: 'share', label: 'Share', function: 'interaction' },
  ],
};
