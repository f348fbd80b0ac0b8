import { describe, expect, it } from 'vitest';
import { hostAndPath, normaliseLink } from '../../../src/coding/links.js';

describe('normaliseLink', () => {
  it.each([
    ['HTTPS://Change.ORG/p/Bees/', 'https://change.org/p/Bees'],
    ['https://x.org/a/?utm_source=tw&id=3&UTM_medium=m', 'https://x.org/a?id=3'],
    ['https://x.org/?utm_campaign=c', 'https://x.org'],
    ['change.org/p/x', 'https://change.org/p/x'],
    ['https://x.org/a?q=a%20b#top', 'https://x.org/a?q=a%20b#top'],
    ['not a link', 'not a link'],
  ])('%s → %s', (link, normalised) => {
    expect(normaliseLink(link)).toBe(normalised);
  });
});

describe('hostAndPath', () => {
  it('drops www. and keeps the path', () => {
    expect(hostAndPath('https://www.gov.uk/register-to-vote/')).toEqual({ host: 'gov.uk', path: '/register-to-vote/' });
  });
});
