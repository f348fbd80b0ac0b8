import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { withOneByteStrings } from '../runtime/one-byte-strings.js';
import type { Codebook } from '../types/contracts.js';
import { CodebookError } from './codebook-error.js';
import { compileCodebook, type CompiledCodebook } from './compile-codebook.js';
import { forgetOldest, keptFolder, keptValue } from '../runtime/kept-value.js';
import { defaultCodebook } from './default-codebook.js';

export interface LoadedCodebook {
  /** The path as given, or the default codebook's absolute path. */
  file: string;
  /** The exact file text, to be copied into the run. */
  text: string;
  /** Of the file's bytes. */
  sha256: string;
  document: Codebook;
  compiled: CompiledCodebook;
}

/**
 * Codebooks this process has checked and compiled, by the sha256 of their bytes. A run loads its
 * codebook several times in one process (to submit it, to code with the run's copy, to write the
 * tables), and parsing, checking and compiling cta-v1 takes about a second each time. The
 * compiled codebook is never changed once made, so one copy serves every caller; a file with
 * other bytes, even at the same path, is a different entry. The last few used are kept (with the
 * word caches they fill as they code), so a long-running service holds a handful at most.
 */
const compiledByHash = new Map<string, Pick<LoadedCodebook, 'document' | 'compiled'>>();
const COMPILED_KEPT = 4;

/** Reads, checks and compiles a codebook file (YAML); the default is cta-v1. Throws CodebookError. */
export async function loadCodebook(path: string = defaultCodebook): Promise<LoadedCodebook> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new CodebookError(path, [{ path: '', message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` }]);
  }
  const text = bytes.toString('utf8');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const known = compiledByHash.get(sha256);
  if (known) {
    // Used last, so kept longest.
    compiledByHash.delete(sha256);
    compiledByHash.set(sha256, known);
    return { file: path, text, sha256, ...known };
  }
  const document = parsedDocument(path, text, sha256);
  let compiled: CompiledCodebook;
  try {
    compiled = compileCodebook(document);
  } catch (error) {
    throw error instanceof CodebookError ? error.inFile(path) : error;
  }
  if (compiledByHash.size >= COMPILED_KEPT) compiledByHash.delete(compiledByHash.keys().next().value!);
  compiledByHash.set(sha256, { document, compiled });
  return { file: path, text, sha256, document, compiled };
}

const yamlVersion = (createRequire(import.meta.url)('yaml/package.json') as { version: string }).version;
const keptPrefix = 'codebook-';
/** Parsed codebooks kept at most: one per version of a codebook being written, say. */
const KEPT_DOCUMENTS = 8;

/**
 * The codebook's YAML as data, kept in .cache by the sha256 of its bytes and the yaml package's
 * version (keptValue): parsing cta-v1's 140 kB took about 0.25 s at the start of every process
 * and of each coding thread, reading the kept copy a few ms. Checking and compiling it are done
 * every time: they depend on ctacode's own code. A file with a syntax error is never kept.
 */
function parsedDocument(file: string, text: string, sha256: string): Codebook {
  return keptValue(join(keptFolder, `${keptPrefix}${sha256.slice(0, 32)}-yaml-${yamlVersion}.v8`), () => {
    const document = parseYaml(file, text);
    forgetOldest(keptFolder, keptPrefix, KEPT_DOCUMENTS - 1);
    return document;
  }, isMapping);
}

/** A YAML document that is a mapping: the schema check in compileCodebook says whether it is a codebook. */
const isMapping = (value: unknown): value is Codebook => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseYaml(file: string, text: string): Codebook {
  const lineCounter = new LineCounter();
  const parsed = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (parsed.errors.length > 0) {
    throw new CodebookError(
      file,
      parsed.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return { path: `line ${line}, column ${col}`, message: `YAML syntax: ${error.message}` };
      }),
    );
  }
  // The schema check in compileCodebook makes this cast safe.
  return withOneByteStrings(parsed.toJS()) as Codebook;
}
