import type { CompiledCodebook } from '../codebook/compiled-codebook.js';
import type { Coding, Post } from '../types/contracts.js';
import { detectLanguage } from './detect-language.js';
import type { Token } from './tokens.js';

const isoCode = /^[a-z]{2}$/;

export interface PostLanguage {
  readonly lang: string | null;
  readonly source: Coding['lang_source'];
  readonly status: Coding['lang_status'];
}

/**
 * The language a post is coded in: the one its export states (en-GB → en), else the one detected
 * from its words. Exports mark unknown languages with und, zxx or qme; those count as not stated.
 * A language the codebook has no rules for is kept as the post's language but flagged: the post
 * is coded with the language-independent cues only, never with another language's rules.
 */
export function postLanguage(post: Post, tokens: readonly Token[], codebook: CompiledCodebook): PostLanguage {
  const stated = post.lang?.trim().toLowerCase().split(/[-_]/)[0];
  const fromExport = stated !== undefined && isoCode.test(stated);
  const lang = fromExport ? stated : detectLanguage(tokens, codebook.languages);
  if (lang === null) return { lang: null, source: null, status: 'undetermined' };
  return { lang, source: fromExport ? 'export' : 'detected', status: codebook.matchers.has(lang) ? 'coded' : 'independent-cues-only' };
}
