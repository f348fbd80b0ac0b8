import type { Cue, LanguageMatcher } from '../codebook/compiled-codebook.js';
import type { Post } from '../types/contracts.js';
import type { CueMatch } from './cue-match.js';
import { hostAndPath, normaliseLink } from './links.js';
import type { Token } from './tokens.js';

/**
 * Hashtag, domain and emoji cues: calls by themselves, in any language. Found in the text (with
 * their span) and in the post's hashtag and link fields (span -1) where the text does not have
 * them. Adds the matches to `matches`.
 */
export function findTokenCues(post: Post, tokens: readonly Token[], matcher: LanguageMatcher, matches: CueMatch[]): void {
  for (const token of tokens) {
    let cues: readonly Cue[] | undefined;
    let rule: string;
    if (token.kind === 'hashtag') {
      cues = hashtagCues(matcher, token.norm.slice(1));
      rule = 'hashtag';
    } else if (token.kind === 'url') {
      cues = domainCues(matcher, token.text);
      rule = 'domain';
    } else if (token.kind === 'emoji') {
      cues = matcher.emoji.get(token.norm);
      rule = 'emoji';
    } else {
      continue;
    }
    if (cues !== undefined) for (const cue of cues) matches.push({ cue, rule, text: token.text, start: token.start, end: token.end });
  }
  if (post.hashtags.length > 0) {
    const inText = new Set(tokens.filter((token) => token.kind === 'hashtag').map((token) => token.norm.slice(1)));
    for (const tag of post.hashtags) {
      if (inText.has(tag)) continue;
      for (const cue of hashtagCues(matcher, tag)) matches.push({ cue, rule: 'hashtag', text: `#${tag}`, start: -1, end: -1 });
    }
  }
  if (post.links.length > 0) {
    const inText = new Set(tokens.filter((token) => token.kind === 'url').map((token) => normaliseLink(token.text)));
    for (const link of post.links) {
      if (inText.has(normaliseLink(link))) continue;
      for (const cue of domainCues(matcher, link)) matches.push({ cue, rule: 'domain', text: link, start: -1, end: -1 });
    }
  }
}

function hashtagCues(matcher: LanguageMatcher, tag: string): readonly Cue[] {
  const exact = matcher.hashtags.get(tag) ?? [];
  if (matcher.hashtagPrefixes.length === 0) return exact;
  const cues = [...exact];
  for (const { prefix, cue } of matcher.hashtagPrefixes) if (tag.startsWith(prefix)) cues.push(cue);
  return cues;
}

/** Cues of the link's host or any parent domain whose path prefix the link's path has. */
function domainCues(matcher: LanguageMatcher, link: string): Cue[] {
  const parsed = hostAndPath(link);
  if (parsed === null) return [];
  const cues: Cue[] = [];
  for (let host = parsed.host; host !== ''; host = host.slice(host.indexOf('.') + 1 || host.length)) {
    for (const cue of matcher.domains.get(host) ?? []) {
      if (cue.pathPrefix === '' || parsed.path === cue.pathPrefix || parsed.path.startsWith(`${cue.pathPrefix}/`)) cues.push(cue);
    }
  }
  return cues;
}
