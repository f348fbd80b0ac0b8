import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPrivacy, ensurePseudonymKey, keyFingerprint, pseudonymiser, pseudonymKeyPath, readPseudonymKey } from '../../../src/aggregate/pseudonymise.js';
import type { CodedPost } from '../../../src/types/contracts.js';

const coded = {
  post: {
    platform: 'twitter', post_id: '1', account_id: '12345', account_handle: 'Alice', account_name: 'Alice A.', created_at: null,
    text: 'Sign it and tell @Bob! #now', url: 'https://x.com/alice/status/1', links: [], hashtags: ['now'], mentions: ['bob'], post_type: null,
    followers: null, likes: null, comments: null, shares: null, views: null, reactions: null, is_repost: null, source: { file: 'f.csv', format: 'generic-csv', row: 2 },
  },
  coding: {
    lang: 'en', cta_any: true, categories: ['petition'], functions: ['mobilisation'], targets: ['#now', '@bob'],
    evidence: [{ category: 'contact', rule: 'imperative', cue: 'tell', text: 'tell @Bob', start: 12, end: 21 }],
    sentiment: { score: 0, comparative: 0, label: 'neutral', method: 'afinn' },
  },
} as unknown as CodedPost;

describe('--pseudonymise and --no-text', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ctacode-key-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the key once, mode 0600, in <data>/keys/, and reads the same key again', async () => {
    const path = pseudonymKeyPath(dir);
    expect(path).toBe(join(dir, 'keys', 'pseudonym.key'));
    const key = await ensurePseudonymKey(path);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await ensurePseudonymKey(path)).equals(key)).toBe(true);
    expect(keyFingerprint(key)).toMatch(/^[0-9a-f]{16}$/);
    expect((await readFile(path, 'utf8')).trim()).not.toContain(keyFingerprint(key));
  });

  it('a worker that cannot read the key says which file, and that workers need the data folder at the same path', async () => {
    await expect(readPseudonymKey(join(dir, 'keys', 'pseudonym.key'))).rejects.toThrow(/cannot read the pseudonym key .*pseudonym\.key \(ENOENT\): every worker .* at the same path/);
  });

  it('hashes ids, handles, names and mentions with the key; a mention and the handle it names get the same pseudonym', async () => {
    const key = await ensurePseudonymKey(pseudonymKeyPath(dir));
    const hash = pseudonymiser(key);
    const { post, coding } = applyPrivacy(coded, { pseudonymise: hash, noText: false });
    expect(post.account_id).toBe(hash('12345'));
    expect(post.account_handle).toBe(hash('alice'));
    expect(post.account_name).toBe(hash('Alice A.'));
    expect(post.mentions).toEqual([hash('bob')]);
    expect(post.text).toBe(`Sign it and tell @${hash('bob')}! #now`);
    expect(post.url).toBeNull();
    expect(coding.targets).toEqual(['#now', `@${hash('bob')}`]);
    expect(coding.evidence[0]!.text).toBe(`tell @${hash('bob')}`);
    expect(JSON.stringify({ post, coding })).not.toMatch(/alice|bob|12345/i);
    const other = pseudonymiser(Buffer.alloc(32, 1));
    expect(other('12345')).not.toBe(hash('12345'));
  });

  it('drops the text and the evidence text under --no-text', () => {
    const { post, coding } = applyPrivacy(coded, { pseudonymise: null, noText: true });
    expect(post.text).toBe('');
    expect(coding.evidence[0]!.text).toBe('');
    expect(post.account_handle).toBe('Alice');
  });
});
