/* Generated from schemas/ by `npm run schemas`: edit the schema, not this file. */

/**
 * Lower-case letters and digits, words joined by -
 */
export type CodebookId = string;
/**
 * ISO 639-1 code
 */
export type CodebookLanguage = string;
/**
 * A cue as written, or the cue with options
 */
export type CodebookCue =
  | string
  | {
      cue: string;
      weight?: number;
      /**
       * Ids of the frames under which this action counts (and no others)
       *
       * @minItems 1
       */
      only_with?: [string, ...string[]];
      /**
       * Ids of the frames under which this action does not count
       *
       * @minItems 1
       */
      not_with?: [string, ...string[]];
    };

/**
 * A versioned, human-readable codebook for calls to action: functions, categories with their cues per language, the grammatical rules (frames) that make a cue count as a call, and examples that are checked when the codebook loads. docs/codebook.md explains the language.
 */
export interface Codebook {
  id: CodebookId;
  /**
   * Semantic version: raise the major version whenever a change can flip a code
   */
  version: string;
  title: string;
  description?: string;
  /**
   * ISO 639-1 codes of the languages the codebook has rules for; the first is used for posts whose language is unknown
   *
   * @minItems 1
   */
  languages: [CodebookLanguage, ...CodebookLanguage[]];
  /**
   * The top level of the hierarchy; output columns follow this order
   *
   * @minItems 1
   */
  functions: [CodebookFunction, ...CodebookFunction[]];
  /**
   * What the audience is asked to do; output columns follow this order
   *
   * @minItems 1
   */
  categories: [CodebookCategory, ...CodebookCategory[]];
  /**
   * Per language: named word lists that cues refer to as <name>
   */
  lists?: {
    [k: string]: CodebookWordLists;
  };
  /**
   * Per language: the frames that make an action cue count as a call to action; needed for every language whose categories have actions
   */
  rules?: {
    [k: string]: CodebookLanguageRules;
  };
}
export interface CodebookFunction {
  id: CodebookId;
  label: string;
  definition: string;
}
export interface CodebookCategory {
  id: CodebookId;
  label: string;
  /**
   * Id of the function this category belongs to; a category with a parent may leave it out (it has its parent's function)
   */
  function?: string;
  /**
   * Id of the category this one is a kind of; a parent is coded wherever one of its children is
   */
  parent?: string;
  definition: string;
  /**
   * The category is coded when the weights of its distinct matched cues add up to at least this
   */
  threshold?: number;
  /**
   * Per language (or any): the cues of this category
   */
  cues: {
    [k: string]: CodebookCues;
  };
  /**
   * Per language (or any): uses of the cue words that are not this category; a match suppresses this category's cues where it overlaps them
   */
  exclude?: {
    [k: string]: CodebookExclusions;
  };
  /**
   * Per language: texts that must and must not be coded as this category; checked when the codebook loads
   */
  examples?: {
    [k: string]: CodebookExamples;
  };
}
export interface CodebookCues {
  /**
   * Actions in base form; they count only where a frame (rule) makes them a call
   */
  actions?: CodebookCue[];
  /**
   * Phrases that are calls to action by themselves, wherever they stand
   */
  phrases?: CodebookCue[];
  /**
   * Words or phrases compared by the stems of their words (the language's stemmer), that count by themselves, wherever they stand
   */
  stems?: CodebookCue[];
  /**
   * Regular expressions (JavaScript syntax, matched case-insensitively against the post text) that are calls by themselves
   */
  regex?: CodebookCue[];
  /**
   * Hashtags without #, matched case-insensitively; a trailing * matches any ending
   */
  hashtags?: CodebookCue[];
  /**
   * Hosts, optionally with a path prefix (gov.uk/register-to-vote); a host matches its subdomains too
   */
  domains?: CodebookCue[];
  emoji?: CodebookCue[];
}
export interface CodebookExclusions {
  phrases?: string[];
  regex?: string[];
}
export interface CodebookExamples {
  /**
   * Texts that must be coded as this category
   */
  positive?: string[];
  /**
   * Texts that must not be coded as this category
   */
  negative?: string[];
}
export interface CodebookWordLists {
  /**
   * @minItems 1
   */
  [k: string]: [string, ...string[]];
}
export interface CodebookLanguageRules {
  /**
   * Single tokens that may stand between a clause start and a clause-start call (please, now, <mention>, <emoji>)
   */
  lead?: string[];
  coordination?: CodebookCoordination;
  /**
   * @minItems 1
   */
  frames: [CodebookFrame, ...CodebookFrame[]];
}
/**
 * An action joined to a counted action by one of these words counts under the same frame
 */
export interface CodebookCoordination {
  words: string[];
  /**
   * Tokens allowed between the end of an action and the coordinating word (the action's object: sign the petition today and share)
   */
  max_gap?: number;
}
export interface CodebookFrame {
  id: CodebookId;
  /**
   * clause-start: an action at the start of a clause (imperative); before-action: a phrase directly before an action; block: a phrase that cancels the call after it
   */
  type: 'clause-start' | 'before-action' | 'block';
  description?: string;
  /**
   * before-action and block: the phrases that introduce the action (a clause-start frame has none)
   *
   * @minItems 1
   */
  phrases?: [string, ...string[]];
  /**
   * Single tokens that may stand between the phrase and the action (all, really, please)
   */
  filler?: string[];
  /**
   * The phrase counts only at the start of a clause (after lead tokens)
   */
  at_clause_start?: boolean;
  /**
   * Single tokens that show the action is a noun, a report or a statement: checked after a one-word action (is, are, counts) and after the verb where the cue lets any word follow it (Geht man wählen)
   */
  not_followed_by?: string[];
  /**
   * Single tokens one of which must follow the verb (the action's first word), directly or after up to gap tokens, for the frame to apply; the rest of the cue is read after it, and it is part of the call: a negation after the verb (German Kauft nicht, Danish Stem ikke på, Dutch Koop niet)
   *
   * @minItems 1
   */
  followed_by?: [string, ...string[]];
  /**
   * Only actions that name this frame in their only_with count under it: for forms that belong to the frame (Spanish no + subjunctive: "No votes" is a call, "No vota" a report)
   */
  marked_only?: boolean;
  /**
   * before-action and block: up to this many tokens of any kind (not a comma or a sentence end) may stand between the phrase (and its filler) and the action, for languages that put the verb last (Lasst uns am Samstag auf die Straße gehen); with followed_by: the tokens allowed between the verb and that token (Støt dem ikke)
   */
  gap?: number;
}
/**
 * A post and what the codebook found in it: the output of the pure coding function (Post, CompiledCodebook) -> CodedPost.
 */
export interface CodedPost {
  post: Post;
  coding: Coding;
}
/**
 * One social media post, normalised from any export format. Counts are null where the export lacks them: absent is never 0.
 */
export interface Post {
  /**
   * facebook, instagram, twitter, tiktok, telegram, youtube, … or the mapping's value
   */
  platform: string;
  /**
   * The platform's id, always a string so that 19-digit ids survive
   */
  post_id: string;
  account_id: string | null;
  account_handle: string | null;
  account_name: string | null;
  /**
   * ISO 8601 UTC, e.g. 2021-07-06T20:45:20Z
   */
  created_at: string | null;
  /**
   * The export's timestamp, kept where converting it meant assuming a time zone
   */
  created_at_original?: string;
  /**
   * When the export tool collected the post (ISO 8601 UTC), where it says; of two copies of a post the later collected one is kept
   */
  collected_at?: string | null;
  /**
   * Plain text: HTML stripped, entity arrays joined
   */
  text: string;
  url: string | null;
  links: string[];
  /**
   * Without the leading #, lower-cased
   */
  hashtags: string[];
  /**
   * Without the leading @, lower-cased
   */
  mentions: string[];
  post_type: string | null;
  /**
   * Language the export states, if any (ISO 639-1)
   */
  lang?: string | null;
  /**
   * Followers of the account at posting, where known
   */
  followers: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  views: number | null;
  /**
   * All reactions together (likes included), where the platform has several kinds
   */
  reactions: number | null;
  is_repost: boolean | null;
  source: {
    /**
     * Input file name
     */
    file: string;
    /**
     * Detected format id
     */
    format: string;
    /**
     * Line number of the row in the input file (1 = the header line of a CSV)
     */
    row: number;
  };
}
export interface Coding {
  /**
   * ISO 639-1 code of the post's language (as the export states it, else detected), null where it could not be determined
   */
  lang: string | null;
  /**
   * Where lang comes from: the export, or language detection on the text; null where it could not be determined
   */
  lang_source: 'export' | 'detected' | null;
  /**
   * coded: the codebook has rules for lang and the post was coded with them; independent-cues-only: the codebook lacks lang, so only language-independent cues (links, hashtags, emoji) were used; undetermined: no language could be determined, only language-independent cues were used
   */
  lang_status: 'coded' | 'independent-cues-only' | 'undetermined';
  cta_any: boolean;
  /**
   * Ids of the categories coded 1, in codebook order
   */
  categories: string[];
  /**
   * Ids of the functions coded 1, in codebook order
   */
  functions: string[];
  evidence: Evidence[];
  /**
   * URLs, #hashtags and @handles the calls to action point at
   */
  targets: string[];
  sentiment: Sentiment;
}
export interface Evidence {
  category: string;
  /**
   * Id of the codebook rule that made the cue count (imperative, hortative, …) or the cue kind (hashtag, domain, emoji)
   */
  rule: string;
  /**
   * The cue as written in the codebook
   */
  cue: string;
  /**
   * The matched text as it stands in the post
   */
  text: string;
  /**
   * UTF-16 offset of the match in the post text; -1 for cues matched outside the text (links)
   */
  start: number;
  end: number;
}
export interface Sentiment {
  /**
   * Null where sentiment was not measured (no lexicon for the post's language): never a made-up 0
   */
  score: number | null;
  comparative: number | null;
  label: 'positive' | 'neutral' | 'negative' | null;
  /**
   * Lexicon and version used, e.g. afinn-165-en
   */
  method: string;
}
/**
 * Tells ctacode which column of a CSV export holds which Post field, for files whose headers it does not recognise. Pass it with --mapping file.json.
 */
export interface ColumnMapping {
  /**
   * Platform to record for every row (facebook, twitter, …); default: the value of a mapped platform column, else "unknown"
   */
  platform?: string;
  /**
   * Field delimiter; default: detected from the header line
   */
  delimiter?: ',' | ';' | '\t' | '|';
  /**
   * IANA zone for timestamps without an offset (default UTC), e.g. Europe/Berlin
   */
  timezone?: string;
  /**
   * Post field -> column name in the file
   */
  columns: {
    text: string;
    post_id?: string;
    platform?: string;
    account_id?: string;
    account_handle?: string;
    account_name?: string;
    created_at?: string;
    url?: string;
    links?: string;
    hashtags?: string;
    mentions?: string;
    post_type?: string;
    lang?: string;
    followers?: string;
    likes?: string;
    comments?: string;
    shares?: string;
    views?: string;
    reactions?: string;
    is_repost?: string;
  };
}
/**
 * manifest.json of a run directory: what went in, what came out, with which software and codebook. For every input file rows_read = rows_accepted + rows_rejected + rows_duplicate.
 */
export interface Manifest {
  run_id: string;
  status: 'completed' | 'completed_with_errors' | 'failed';
  /**
   * When the run was submitted (ISO 8601 UTC)
   */
  created_at: string;
  /**
   * When the outputs were written (ISO 8601 UTC)
   */
  finished_at: string;
  software: {
    name: string;
    version: string;
    node: string;
  };
  codebook: {
    id: string;
    version: string;
    sha256: string;
    /**
     * The exact codebook used, copied into the run directory
     */
    file: string;
  };
  settings: {
    batch_size: number;
    mapping?: ColumnMapping;
    /**
     * Rows of periods.csv (--period)
     */
    period?: 'day' | 'week' | 'month';
    /**
     * --alliance-window: most UTC calendar days between consecutive uses of a target within one alliance
     */
    alliance_window_days?: number;
    /**
     * Excel-friendly copies written to excel/ (--excel)
     */
    excel?: boolean;
    /**
     * Account ids, handles, names and mentions replaced by keyed HMAC-SHA256 hashes (--pseudonymise); the key stays in the data folder and is never in the run
     */
    pseudonymised?: boolean;
    /**
     * Identifies the pseudonym key (a hash of it, not the key), so that runs pseudonymised with the same key can be recognised
     */
    pseudonym_key_fingerprint?: string;
    /**
     * Post text, evidence text and raw rejected rows left out (--no-text)
     */
    no_text?: boolean;
  };
  inputs: InputFileRecord[];
  outputs: OutputFileRecord[];
  /**
   * Only in a dataset made by ctacode merge: the runs it combines, oldest first
   */
  merged_from?: MergedRun[];
  totals: {
    rows_read: number;
    rows_accepted: number;
    rows_rejected: number;
    rows_duplicate: number;
    cta_posts: number;
  };
}
export interface InputFileRecord {
  file: string;
  path: string;
  status: 'coded' | 'failed';
  /**
   * Why the file could not be coded
   */
  error?: string;
  sha256: string | null;
  bytes: number | null;
  format: string | null;
  encoding: string | null;
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  rows_duplicate: number;
}
export interface OutputFileRecord {
  file: string;
  /**
   * Data rows (header excluded); null for files that are not tables
   */
  rows: number | null;
  sha256: string;
  bytes: number;
}
export interface MergedRun {
  run_id: string;
  run_dir: string;
  created_at: string;
  codebook_id: string;
  codebook_version: string;
  /**
   * sha256 of the run's coded_posts.csv as merged
   */
  coded_posts_sha256: string;
  /**
   * Rows of the run's coded_posts.csv
   */
  rows: number;
  /**
   * Of these, rows in the merged dataset (the others had a newer snapshot in another run)
   */
  rows_kept: number;
}
