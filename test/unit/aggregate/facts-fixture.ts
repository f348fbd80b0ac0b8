import type { CodebookOutline } from '../../../src/aggregate/coded-post-columns.js';
import type { PostFacts } from '../../../src/aggregate/post-facts.js';

/** A post as the tables see it; only what a test names differs from a plain non-CTA post. */
export function facts(overrides: Partial<PostFacts> & { account: string }): PostFacts {
  const { account, ...rest } = overrides;
  return {
    platform: 'facebook',
    accountId: account,
    handle: account,
    name: account.toUpperCase(),
    createdAt: '2024-03-01T12:00:00Z',
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
export const cta = (account: string, createdAt: string, targets: string[], more: Partial<PostFacts> = {}): PostFacts =>
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
