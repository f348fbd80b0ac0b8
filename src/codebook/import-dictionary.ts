import { basename, extname } from 'node:path';
import { LineCounter, parseDocument, stringify } from 'yaml';
import type { Codebook, CodebookCategory, CodebookCues } from '../types/contracts.js';
import { CodebookError, type CodebookProblem } from './codebook-error.js';

/**
 * Turns an existing word-count dictionary into a codebook, so that researchers can code posts
 * with the dictionaries they already use and compare them with cta-v1 in the same output:
 *
 * - LIWC `.dic`: the category table between two `%` lines, then one entry per line (a word,
 *   `word*` for any ending, or a phrase) with the numbers of its categories.
 * - quanteda YAML (`dictionary(file = …, format = "YAML")`): keys are categories, lists hold their
 *   entries (glob patterns: `*` for any characters, `?` for one); a key that holds keys is a parent
 *   category of them, to any depth.
 *
 * Every category becomes a category of one function, `dictionary`; its entries become cues that
 * count by themselves (phrases, or regular expressions for wildcards other than a trailing `*`).
 * A post is coded 1 for a category where at least one of its entries occurs (dictionaries count
 * words; the codebook records presence, with the matched words as evidence).
 */

export type DictionaryFormat = 'liwc' | 'quanteda-yaml';

export interface ImportOptions {
  /** Language of the entries (ISO 639-1); default en. */
  language?: string;
  /** Codebook id; default from the file name. */
  id?: string;
}

export interface ImportedDictionary {
  format: DictionaryFormat;
  codebook: Codebook;
  /** Entries that could not become cues, each with its line or place and why. */
  skipped: CodebookProblem[];
}

/** The format a dictionary file is in, from its name and, for YAML, its content. */
export function dictionaryFormat(file: string): DictionaryFormat | null {
  const extension = extname(file).toLowerCase();
  if (extension === '.dic') return 'liwc';
  if (extension === '.yml' || extension === '.yaml') return 'quanteda-yaml';
  return null;
}

export function importDictionary(file: string, text: string, options: ImportOptions = {}): ImportedDictionary {
  const format = dictionaryFormat(file);
  if (format === null) {
    throw new CodebookError(file, [{ path: '', message: 'is neither a LIWC dictionary (.dic) nor a quanteda YAML dictionary (.yml, .yaml); rename it or convert it to one of these' }]);
  }
  const language = options.language ?? 'en';
  if (!/^[a-z]{2}$/.test(language)) throw new CodebookError(file, [{ path: '', message: `--language ${language}: expected an ISO 639-1 code such as en or de` }]);
  const skipped: CodebookProblem[] = [];
  const categories = format === 'liwc' ? liwcCategories(file, text, skipped) : quantedaCategories(file, text, skipped);
  if (categories.length === 0) throw new CodebookError(file, [{ path: '', message: 'has no categories with entries; check that it is a dictionary' }]);
  const name = basename(file, extname(file));
  const formatName = format === 'liwc' ? 'LIWC dictionary' : 'quanteda YAML dictionary';
  const ids = new Ids();
  const byName = new Map<string, string>();
  for (const category of categories) byName.set(category.key, ids.take(category.name));
  const codebook: Codebook = {
    id: options.id ?? (slug(name) || 'imported-dictionary'),
    version: '1.0.0',
    title: `${name} (imported ${formatName})`,
    description:
      `Imported from the ${formatName} ${basename(file)} by ctacode codebook import. Each dictionary category is a ` +
      'category; a post is coded 1 for it where at least one of its entries occurs in the text.',
    languages: [language],
    functions: [{ id: 'dictionary', label: `${name} dictionary`, definition: `Categories of the ${formatName} ${basename(file)}.` }],
    categories: categories.map((category) => {
      const cues: CodebookCues = {};
      if (category.phrases.length > 0) cues.phrases = category.phrases;
      if (category.regex.length > 0) cues.regex = category.regex;
      const imported: CodebookCategory = {
        id: byName.get(category.key)!,
        label: category.name,
        ...(category.parent === undefined ? { function: 'dictionary' } : { parent: byName.get(category.parent)! }),
        definition: `Dictionary category "${category.name}"${category.number === undefined ? '' : ` (number ${category.number})`} of ${basename(file)}.`,
        cues: Object.keys(cues).length === 0 ? {} : { [language]: cues },
      };
      return imported;
    }) as Codebook['categories'],
  };
  return { format, codebook, skipped };
}

/** The codebook as YAML, with a comment saying where it came from. */
export function codebookYaml(imported: ImportedDictionary, file: string): string {
  const header = [
    `# Imported from ${basename(file)} (${imported.format}) by \`ctacode codebook import\`.`,
    '# Entries count wherever they stand (phrases); add frames, examples and exclusions as needed:',
    '# docs/codebook.md describes the codebook language.',
  ];
  return `${header.join('\n')}\n${stringify(imported.codebook, { lineWidth: 120 })}`;
}

interface RawCategory {
  /** Unique within the file: LIWC number or quanteda key path. */
  key: string;
  name: string;
  number?: string;
  parent?: string;
  phrases: string[];
  regex: string[];
}

function liwcCategories(file: string, text: string, skipped: CodebookProblem[]): RawCategory[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const marks = lines.flatMap((line, i) => (line.trim() === '%' ? [i] : []));
  if (marks.length < 2) {
    throw new CodebookError(file, [{ path: 'line 1', message: 'a LIWC dictionary starts with its category table between two lines holding only %; add them' }]);
  }
  const [open, close] = marks as [number, number];
  const categories = new Map<string, RawCategory>();
  const problems: CodebookProblem[] = [];
  for (let i = open + 1; i < close; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const match = /^(\S+)\s+(.+)$/.exec(line);
    if (match === null) {
      problems.push({ path: `line ${i + 1}`, message: `"${line}" is not a category line (number, then name); fix or remove it` });
      continue;
    }
    const [, number, name] = match as unknown as [string, string, string];
    if (categories.has(number)) problems.push({ path: `line ${i + 1}`, message: `category number ${number} is declared twice; give one of them another number` });
    // LIWC 2015 appends the parent's name in brackets to some names ("ppron (pronoun)"): keep the name.
    categories.set(number, { key: number, number, name: name.replace(/\s*\(.*\)\s*$/, '').trim() || name, phrases: [], regex: [] });
  }
  if (problems.length > 0) throw new CodebookError(file, problems);
  for (let i = close + 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const { entry, numbers, conditional } = liwcEntry(line);
    if (numbers.length === 0) {
      skipped.push({ path: `line ${i + 1}`, message: `"${line}" has no category number; skipped` });
      continue;
    }
    if (conditional) {
      skipped.push({ path: `line ${i + 1}`, message: `"${entry}": its conditional categories (LIWC 2007 "(…)n") depend on the word before, which a codebook cannot say; only its plain categories are kept` });
    }
    for (const number of new Set(numbers)) {
      const category = categories.get(number);
      if (category === undefined) {
        skipped.push({ path: `line ${i + 1}`, message: `"${entry}": category ${number} is not in the category table; skipped for it` });
        continue;
      }
      addEntry(category, entry, `line ${i + 1}`, skipped);
    }
  }
  return [...categories.values()].filter((category) => category.phrases.length > 0 || category.regex.length > 0);
}

/**
 * An entry line: the entry (a word, `word*` or a phrase), then category numbers. Fields are
 * separated by tabs, or by spaces in older files (then the entry ends at the first number).
 * LIWC 2007's conditional fields such as "(02 134)53" are recognised and left out.
 */
function liwcEntry(line: string): { entry: string; numbers: string[]; conditional: boolean } {
  const fields = line.includes('\t') ? line.split('\t').map((field) => field.trim()).filter((field) => field !== '') : line.split(/\s+/);
  let first = fields.findIndex((field, i) => i > 0 && /^\d+$/.test(field));
  if (first === -1) first = fields.findIndex((field, i) => i > 0 && field.startsWith('('));
  if (first === -1) return { entry: line, numbers: [], conditional: false };
  const rest = fields.slice(first).join(' ');
  const conditional = /\(/.test(rest);
  const numbers = rest.replace(/\([^)]*\)\s*\d*/g, ' ').split(/\s+/).filter((field) => /^\d+$/.test(field));
  return { entry: fields.slice(0, first).join(' '), numbers, conditional };
}

function quantedaCategories(file: string, text: string, skipped: CodebookProblem[]): RawCategory[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new CodebookError(
      file,
      document.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return { path: `line ${line}, column ${col}`, message: `YAML syntax: ${error.message}` };
      }),
    );
  }
  const root: unknown = document.toJS();
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    throw new CodebookError(file, [{ path: '', message: 'a quanteda YAML dictionary is a mapping of category names to lists of entries (or to further categories)' }]);
  }
  if ('categories' in root && 'id' in root) {
    throw new CodebookError(file, [{ path: '', message: 'is already a ctacode codebook; use ctacode codebook validate' }]);
  }
  const categories: RawCategory[] = [];
  const walk = (value: unknown, name: string, path: string, parent: string | undefined): void => {
    const category: RawCategory = { key: path, name, phrases: [], regex: [], ...(parent === undefined ? {} : { parent }) };
    categories.push(category);
    const entries: unknown[] = [];
    if (Array.isArray(value)) entries.push(...value);
    else if (typeof value === 'string') entries.push(value);
    else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) walk(child, key, `${path}/${key}`, path);
    } else skipped.push({ path, message: `${JSON.stringify(value)} is neither a list of entries nor categories; skipped` });
    entries.forEach((entry, i) => {
      if (typeof entry === 'string' || typeof entry === 'number') addEntry(category, String(entry), `${path}/${i}`, skipped);
      else if (entry !== null && typeof entry === 'object') {
        // quanteda also writes a key's sub-keys as list items holding mappings.
        for (const [key, child] of Object.entries(entry)) walk(child, key, `${path}/${key}`, path);
      } else skipped.push({ path: `${path}/${i}`, message: `${JSON.stringify(entry)} is not an entry; skipped` });
    });
  };
  for (const [key, value] of Object.entries(root)) walk(value, key, `/${key}`, undefined);
  // A parent without entries of its own stays: it is coded through its children.
  return categories.filter((category) => category.phrases.length > 0 || category.regex.length > 0 || categories.some((c) => c.parent === category.key));
}

/**
 * One dictionary entry as a cue: a phrase where the cue language can say it (words, a trailing *),
 * else a regular expression; entries that are not words at all (emoticons) are skipped.
 */
function addEntry(category: RawCategory, raw: string, place: string, skipped: CodebookProblem[]): void {
  const entry = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (entry === '') return;
  if (!/[\p{L}\p{N}]/u.test(entry)) {
    skipped.push({ path: place, message: `"${raw}" has no letter or digit, which post text is not split into; skipped` });
    return;
  }
  const pieces = entry.split(' ');
  const plain = pieces.every((piece) => /^[\p{L}\p{M}\p{N}'’-]+\*?$/u.test(piece) && !/^[-']/.test(piece) && piece !== '*');
  if (plain && !pieces.some((piece) => piece.startsWith('...') || piece.startsWith('~') || piece.startsWith('<'))) {
    if (!category.phrases.includes(entry)) category.phrases.push(entry);
    return;
  }
  const word = String.raw`[\p{L}\p{M}\p{N}'’-]`;
  const body = pieces
    .map((piece) =>
      [...piece]
        .map((char) => (char === '*' ? `${word}*` : char === '?' ? word : char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')))
        .join(''),
    )
    .join(String.raw`\s+`);
  const regex = String.raw`(?<![\p{L}\p{M}\p{N}])${body}(?![\p{L}\p{M}\p{N}])`;
  if (!category.regex.includes(regex)) category.regex.push(regex);
}

/** Lower-case letters and digits joined by -, unique within the codebook. */
class Ids {
  private readonly used = new Set<string>();

  take(name: string): string {
    const base = slug(name) || 'category';
    let id = /^[a-z]/.test(base) ? base : `c-${base}`;
    for (let n = 2; this.used.has(id); n++) id = `${/^[a-z]/.test(base) ? base : `c-${base}`}-${n}`;
    this.used.add(id);
    return id;
  }
}

function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
