import type { Cue } from '../codebook/compiled-codebook.js';

/** One place where a cue counts, before thresholds: what becomes an Evidence of a coded category. */
export interface CueMatch {
  readonly cue: Cue;
  /** Frame id (imperative, hortative, …) or the cue kind (phrase, regex, hashtag, domain, emoji). */
  readonly rule: string;
  /** The matched text as it stands in the post, or the link or hashtag matched outside the text. */
  readonly text: string;
  /** UTF-16 offsets into the post text; -1 for matches outside it. */
  readonly start: number;
  readonly end: number;
}
