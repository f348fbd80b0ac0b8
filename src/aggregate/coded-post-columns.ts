import type { CodedPost, Evidence } from '../types/contracts.js';
import { csvCells, csvRow, neutraliseFormula, type TableColumn } from './table-column.js';
import { sixSignificantDigits } from '../runtime/six-significant-digits.js';

/** The part of a codebook the output columns depend on. */
export interface CodebookOutline {
  id: string;
  version: string;
  functions: readonly { id: string; label: string }[];
  /** A category with a parent is coded wherever one of its children is (parent null or absent: directly under its function). */
  categories: readonly { id: string; label: string; function: string; parent?: string | null }[];
}

/** The outline alone, as plain data (a compiled codebook holds much more): to hand to another thread. */
export function plainOutline({ id, version, functions, categories }: CodebookOutline): CodebookOutline {
  return {
    id,
    version,
    functions: functions.map((f) => ({ id: f.id, label: f.label })),
    categories: categories.map((c) => ({ id: c.id, label: c.label, function: c.function, ...(c.parent === undefined ? {} : { parent: c.parent }) })),
  };
}

/** A coded post as a row of coded_posts.csv. */
export interface CodedPostRow {
  coded: CodedPost;
  codebook: CodebookOutline;
}

type Column = TableColumn<CodedPostRow>;

const text = (name: string, description: string, pick: (r: CodedPostRow) => string | null): Column => ({
  name,
  type: 'string',
  description,
  cell: (r) => {
    const value = pick(r);
    return value === null ? null : neutraliseFormula(value);
  },
});

const count = (name: keyof CodedPost['post'] & string, description: string): Column => ({
  name,
  type: 'integer',
  description: `${description}; empty where the export does not have it (never a made-up 0)`,
  cell: (r) => r.coded.post[name] as number | null,
});

const list = (name: string, description: string, pick: (r: CodedPostRow) => string[]): Column => ({
  name,
  type: 'list',
  description: `${description}; several values joined with ";"`,
  cell: (r) => neutraliseFormula(pick(r).join(';')),
});

/**
 * Likes (or all reactions, where counted) + comments + shares, from the counts the export has; null
 * where it has none. Summed without an array: every post's row and facts ask for it.
 */
export function interactions(post: CodedPost['post']): number | null {
  const likes = post.reactions ?? post.likes;
  if (likes === null && post.comments === null && post.shares === null) return null;
  return (likes ?? 0) + (post.comments ?? 0) + (post.shares ?? 0);
}

export function engagementRate(post: CodedPost['post']): number | null {
  return engagementRateOf(interactions(post), post.followers);
}

/** engagementRate from interactions the caller has already summed. */
export function engagementRateOf(total: number | null, followers: number | null): number | null {
  if (total === null || followers === null || followers <= 0) return null;
  return sixSignificantDigits(total / followers);
}

function formatEvidence(evidence: Evidence[]): string {
  return evidence.map((e) => `${e.category}/${e.rule}: "${e.text}"${e.start >= 0 ? ` [${e.start}-${e.end}]` : ''}`).join(' | ');
}

/** Columns of coded_posts.csv in order, for a given codebook (one 0/1 column per category and function). */
export function codedPostColumns(codebook: CodebookOutline): Column[] {
  const categoryColumns: Column[] = codebook.categories.map((c) => ({
    name: `cta_${c.id}`,
    type: '0/1',
    values: '0, 1',
    description:
      `1 if the post contains a call to action of category "${c.label}" (function ${c.function}` +
      `${c.parent === undefined || c.parent === null ? '' : `, a kind of ${c.parent}`}) of codebook ${codebook.id} ${codebook.version}` +
      `${codebook.categories.some((child) => child.parent === c.id) ? '; also 1 wherever one of its subcategories is' : ''}`,
    cell: (r) => r.coded.coding.categories.includes(c.id),
  }));
  const functionColumns: Column[] = codebook.functions.map((f) => ({
    name: `cta_fn_${f.id}`,
    type: '0/1',
    values: '0, 1',
    description: `1 if the post contains a call to action of any category of function "${f.label}"`,
    cell: (r) => r.coded.coding.functions.includes(f.id),
  }));
  return [
    text('platform', 'Platform the post was published on', (r) => r.coded.post.platform),
    text('post_id', "The platform's post id (text: long ids keep every digit)", (r) => r.coded.post.post_id),
    text('account_id', 'Id of the account that posted', (r) => r.coded.post.account_id),
    text('account_handle', 'Handle (user name) of the account', (r) => r.coded.post.account_handle),
    text('account_name', 'Display name of the account, page or group', (r) => r.coded.post.account_name),
    { name: 'created_at', type: 'datetime', description: 'Time of posting, ISO 8601 in UTC', cell: (r) => r.coded.post.created_at },
    text('created_at_original', "The export's own timestamp, kept where converting it to UTC meant assuming a time zone", (r) => r.coded.post.created_at_original ?? null),
    { name: 'collected_at', type: 'datetime', description: 'When the export tool collected the post, ISO 8601 UTC, where the export says; ctacode merge keeps the latest collected copy of a post', cell: (r) => r.coded.post.collected_at ?? null },
    text('text', 'Text of the post (plain text)', (r) => r.coded.post.text),
    text('url', 'Link to the post', (r) => r.coded.post.url),
    list('links', 'Links in or attached to the post', (r) => r.coded.post.links),
    list('hashtags', 'Hashtags, lower-case, without #', (r) => r.coded.post.hashtags),
    list('mentions', 'Mentioned accounts, lower-case, without @', (r) => r.coded.post.mentions),
    text('post_type', 'Type of post as the export names it (Link, Photo, Video, …)', (r) => r.coded.post.post_type),
    count('followers', 'Followers of the account at the time of posting'),
    count('likes', 'Likes'),
    count('comments', 'Comments'),
    count('shares', 'Shares, retweets or reposts'),
    count('views', 'Views'),
    count('reactions', 'All reactions together, likes included'),
    { name: 'is_repost', type: '0/1', values: '0, 1, empty', description: '1 if the post is a share/retweet of another post; empty where unknown', cell: (r) => r.coded.post.is_repost },
    text('lang', "Language of the post (ISO 639-1): as the export states it, else detected from the text (see lang_source); empty where it could not be determined", (r) => r.coded.coding.lang),
    { name: 'lang_source', type: 'string', values: 'export, detected, empty', description: 'Where lang comes from: the export, or language detection on the text (ELD); empty where no language could be determined', cell: (r) => r.coded.coding.lang_source },
    {
      name: 'lang_status',
      type: 'string',
      values: 'coded, independent-cues-only, undetermined',
      description:
        "How the post was coded: coded = with the codebook's cues and rules for lang; independent-cues-only = the codebook has no rules for lang, so only links, hashtags and emoji were used (not comparable with coded posts); undetermined = no language could be determined (no words), only links, hashtags and emoji were used",
      cell: (r) => r.coded.coding.lang_status,
    },
    { name: 'cta_any', type: '0/1', values: '0, 1', description: '1 if the post contains a call to action of any category', cell: (r) => r.coded.coding.cta_any },
    { name: 'cta_n', type: 'integer', description: 'Number of categories coded 1', cell: (r) => r.coded.coding.categories.length },
    ...categoryColumns,
    ...functionColumns,
    list('cta_categories', 'Ids of the categories coded 1, in codebook order', (r) => r.coded.coding.categories),
    text('cta_evidence', 'Why each category was coded: category/rule: "matched text" [start-end offsets in text], several joined with " | "', (r) => formatEvidence(r.coded.coding.evidence)),
    list('cta_targets', 'URLs, #hashtags and @handles the calls to action point at', (r) => r.coded.coding.targets),
    { name: 'sentiment_score', type: 'number', description: 'Sum of the lexicon scores of the words of the post; empty where sentiment was not measured (sentiment_method none: no lexicon for the language)', cell: (r) => r.coded.coding.sentiment.score },
    { name: 'sentiment_comparative', type: 'number', description: 'sentiment_score divided by the number of words', cell: (r) => r.coded.coding.sentiment.comparative },
    { name: 'sentiment_label', type: 'string', values: 'positive, neutral, negative, empty', description: 'Sign of sentiment_score (with the neutral band of the method); empty where not measured', cell: (r) => r.coded.coding.sentiment.label },
    text('sentiment_method', 'Lexicon used for the sentiment columns', (r) => r.coded.coding.sentiment.method),
    { name: 'engagement_rate', type: 'number', description: 'engagement_rate = interactions / followers at posting, rounded to 6 significant digits; interactions = reactions (likes where the export has no reaction total) + comments + shares, from the counts the export has; empty (missing, never 0) where no interaction count or no follower count is known, or followers is 0. A proportion: 0.05 = 5 %', cell: (r) => engagementRate(r.coded.post) },
    text('codebook_id', 'Id of the codebook used', (r) => r.codebook.id),
    text('codebook_version', 'Version of the codebook used', (r) => r.codebook.version),
    text('source_file', 'Input file the post came from', (r) => r.coded.post.source.file),
    text('source_format', 'Format the input file was read as', (r) => r.coded.post.source.format),
    { name: 'source_row', type: 'integer', description: 'Line of the input file where the post starts (the header is line 1)', cell: (r) => r.coded.post.source.row },
  ];
}

/**
 * Renders rows of coded_posts.csv (of these columns) as csvRow does, but for a post without a call
 * to action, whose cells from cta_any to cta_targets are the same in every such post (all 0 or
 * empty): those are rendered from the first such post and reused. Seven posts in ten of the
 * synthetic bench export have none, and the stretch is 24 of its 58 columns: rendering a row took
 * about 6 instead of 7 µs.
 */
export function codedRowRenderer(columns: readonly Column[]): (row: CodedPostRow) => string {
  const from = columns.findIndex((c) => c.name === 'cta_any');
  const to = columns.findIndex((c) => c.name === 'cta_targets') + 1;
  if (from < 0 || to <= from) return (row) => csvRow(columns, row);
  let stretch: string | null = null;
  return (row) => {
    const { coding } = row.coded;
    // Everything the stretch's cells read: with all of it false or empty, so are the cells.
    if (coding.cta_any || coding.categories.length > 0 || coding.functions.length > 0 || coding.evidence.length > 0 || coding.targets.length > 0) return csvRow(columns, row);
    stretch ??= csvCells(columns, row, from, to);
    const before = from > 0 ? `${csvCells(columns, row, 0, from)},` : '';
    const after = to < columns.length ? `,${csvCells(columns, row, to, columns.length)}` : '';
    return `${before}${stretch}${after}\n`;
  };
}
