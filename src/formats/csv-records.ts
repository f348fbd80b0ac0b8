/**
 * Splits CSV text into records, fed chunk by chunk, with the physical line each record starts on.
 *
 * Why not csv-parse: with `skip_records_with_error` it reports one broken record as several skips
 * (or none), swallows the good rows after an unclosed quote into the broken one, counts lines of
 * `\r\n` cells twice in `info.lines`, silently drops the rest of a chunk after an over-long
 * record, and merges rows of a file that mixes `\r\n` and `\n` line ends (csv-parse 7.0.3).
 * A researcher needs every record accounted for with the line it starts on, so this reader owns that.
 *
 * Dialect: RFC 4180 with `""` as the escaped quote; records end at `\n` or `\r\n`; a quote inside
 * an unquoted cell is an ordinary character (`5" screen`); empty lines are not records. With
 * `backslashEscapes` (files written by PHP's fputcsv), a quote right after a backslash inside a
 * quoted cell is part of the cell too.
 *
 * Recovery: a record with a syntax error (a quote never closed, a character after a closing quote,
 * a record over MAX_RECORD_CHARS) is reported as malformed with its first line as raw text, and
 * reading resumes on the line after the one it started on. So an unclosed quote costs one row,
 * not the rest of the file, and memory stays bounded by MAX_RECORD_CHARS.
 */

export type CsvRecord =
  | { kind: 'record'; line: number; fields: string[]; raw: string }
  | {
      kind: 'malformed';
      line: number;
      /** 0-based index of the cell where reading failed; null when the record as a whole is at fault. */
      column: number | null;
      problem: string;
      /** The first physical line of the record, without its line end. */
      raw: string;
    };

export interface CsvDialectOptions {
  /** A backslash before a quote inside a quoted cell makes the quote part of the cell (PHP fputcsv). */
  backslashEscapes?: boolean;
}

/** Longest record accepted, in characters; longer ones are almost always an unclosed quote. */
export const MAX_RECORD_CHARS = 1 << 20;

const LF = 10;
const CR = 13;
const QUOTE = 34;
const BACKSLASH = 92;

const enum Outcome {
  Complete,
  NeedMore,
  Malformed,
}

export class CsvRecordReader {
  readonly #delimiter: string;
  readonly #backslashEscapes: boolean;
  /** Unread text; always starts at the beginning of a physical line. */
  #buffer = '';
  /** Physical line number (1-based) of the start of #buffer. */
  #line = 1;
  /** Discarding the rest of a line whose record was already reported malformed. */
  #skippingLine = false;

  // Next position of `\n`, the delimiter and `"` at or after the last position asked about
  // (the buffer's length when there is none). Searching with indexOf and remembering the hit is
  // several times faster than testing every character, and keeps each search linear.
  #nextLf = -1;
  #nextDelimiter = -1;
  #nextQuote = -1;

  // Result of the last #readRecord, kept in fields to spare an allocation per record.
  #fields: string[] = [];
  #next = 0;
  #contentEnd = 0;
  #newlines = 0;
  #problem = '';
  #problemColumn: number | null = null;

  /**
   * `backslashEscapes`: inside a quoted cell, a quote right after a backslash is part of the
   * cell (`\"` is kept as written), as PHP's fputcsv writes it (YouTube Data Tools v1).
   * `firstLine`: the physical line of the first text read, when that is not the file's start.
   */
  constructor(delimiter: string, { backslashEscapes = false }: CsvDialectOptions = {}, firstLine = 1) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new Error(`CSV delimiter must be one character other than a quote or line end, got ${JSON.stringify(delimiter)}`);
    }
    this.#delimiter = delimiter;
    this.#backslashEscapes = backslashEscapes;
    this.#line = firstLine;
  }

  /** Adds the next chunk of text; returns the records it completed. */
  read(chunk: string): CsvRecord[] {
    this.#buffer += chunk;
    return this.#drain(false);
  }

  /** Ends the input; returns the records still pending. */
  finish(): CsvRecord[] {
    return this.#drain(true);
  }

  #drain(final: boolean): CsvRecord[] {
    const records: CsvRecord[] = [];
    const buffer = this.#buffer;
    const length = buffer.length;
    this.#forgetPositions();
    let pos = 0;
    if (this.#skippingLine) {
      const lineEnd = buffer.indexOf('\n');
      if (lineEnd === -1) {
        this.#buffer = '';
        return records;
      }
      pos = lineEnd + 1;
      this.#line++;
      this.#skippingLine = false;
    }
    while (pos < length) {
      const first = buffer.charCodeAt(pos);
      if (first === LF) {
        pos++;
        this.#line++;
        continue;
      }
      if (first === CR && pos + 1 === length && !final) break;
      if (first === CR && (pos + 1 === length || buffer.charCodeAt(pos + 1) === LF)) {
        pos += 2;
        this.#line++;
        continue;
      }
      let outcome = this.#readRecord(buffer, pos, final);
      if (outcome === Outcome.NeedMore && length - pos > MAX_RECORD_CHARS) outcome = this.#tooLong();
      if (outcome === Outcome.Complete && this.#next - pos > MAX_RECORD_CHARS) outcome = this.#tooLong();
      if (outcome === Outcome.NeedMore) break;
      if (outcome === Outcome.Complete) {
        records.push({ kind: 'record', line: this.#line, fields: this.#fields, raw: buffer.slice(pos, this.#contentEnd) });
        this.#line += this.#newlines;
        pos = this.#next;
        continue;
      }
      const lineEnd = buffer.indexOf('\n', pos);
      // The raw text is the record's whole first line (capped), so wait for its end to arrive.
      if (lineEnd === -1 && !final && length - pos <= MAX_RECORD_CHARS) break;
      const rawEnd = Math.min(lineEnd === -1 ? length : lineEnd, pos + MAX_RECORD_CHARS);
      records.push({
        kind: 'malformed',
        line: this.#line,
        column: this.#problemColumn,
        problem: this.#problem,
        raw: buffer.slice(pos, buffer.charCodeAt(rawEnd - 1) === CR && rawEnd === lineEnd ? rawEnd - 1 : rawEnd),
      });
      // Reading resumes behind positions already searched past.
      this.#forgetPositions();
      if (lineEnd === -1) {
        this.#skippingLine = !final;
        pos = length;
      } else {
        pos = lineEnd + 1;
        this.#line++;
      }
    }
    this.#buffer = buffer.slice(pos);
    return records;
  }

  #tooLong(): Outcome {
    return this.#malformed(`record longer than ${MAX_RECORD_CHARS.toLocaleString('en-US')} characters (most likely a quote that is never closed)`, null);
  }

  #malformed(problem: string, column: number | null): Outcome {
    this.#problem = problem;
    this.#problemColumn = column;
    return Outcome.Malformed;
  }

  #forgetPositions(): void {
    this.#nextLf = -1;
    this.#nextDelimiter = -1;
    this.#nextQuote = -1;
  }

  #lfFrom(buffer: string, from: number): number {
    if (this.#nextLf < from) this.#nextLf = positionOrLength(buffer, '\n', from);
    return this.#nextLf;
  }

  #delimiterFrom(buffer: string, from: number): number {
    if (this.#nextDelimiter < from) this.#nextDelimiter = positionOrLength(buffer, this.#delimiter, from);
    return this.#nextDelimiter;
  }

  #quoteFrom(buffer: string, from: number): number {
    if (this.#nextQuote < from) this.#nextQuote = positionOrLength(buffer, '"', from);
    return this.#nextQuote;
  }

  /** Reads the record starting at `start` into #fields/#next/#contentEnd/#newlines. */
  #readRecord(buffer: string, start: number, final: boolean): Outcome {
    const length = buffer.length;
    const delimiter = this.#delimiter.charCodeAt(0);
    const fields: string[] = [];
    this.#fields = fields;
    let newlines = 0;
    let pos = start;
    for (;;) {
      if (pos < length && buffer.charCodeAt(pos) === QUOTE) {
        let value = '';
        let segment = pos + 1;
        for (;;) {
          const quote = this.#quoteFrom(buffer, segment);
          for (let lf = this.#lfFrom(buffer, segment); lf < quote; lf = this.#lfFrom(buffer, lf + 1)) newlines++;
          if (quote === length) {
            if (!final) return Outcome.NeedMore;
            return this.#malformed('quote not closed before the end of the file', fields.length);
          }
          if (this.#backslashEscapes && quote > segment && buffer.charCodeAt(quote - 1) === BACKSLASH) {
            value += buffer.slice(segment, quote + 1);
            segment = quote + 1;
            continue;
          }
          if (quote + 1 === length && !final) return Outcome.NeedMore;
          const after = quote + 1 === length ? LF : buffer.charCodeAt(quote + 1);
          if (after === QUOTE) {
            value += buffer.slice(segment, quote + 1);
            segment = quote + 2;
            continue;
          }
          if (after === CR && quote + 2 === length && !final) return Outcome.NeedMore;
          if (after === delimiter || after === LF || (after === CR && (quote + 2 === length || buffer.charCodeAt(quote + 2) === LF))) {
            value += buffer.slice(segment, quote);
            pos = quote + 1;
            break;
          }
          const unexpected = JSON.stringify(String.fromCharCode(after));
          return this.#malformed(
            newlines === 0
              ? `${unexpected} after a closing quote (a quote inside a quoted cell must be doubled: "")`
              : `quote not closed: the quoted cell runs on to line ${this.#line + newlines}, where a quote is followed by ${unexpected}`,
            fields.length,
          );
        }
        fields.push(value);
      } else {
        const lf = this.#lfFrom(buffer, pos);
        const delimiterAt = this.#delimiterFrom(buffer, pos);
        const end = delimiterAt < lf ? delimiterAt : lf;
        if (end === length && !final) return Outcome.NeedMore;
        // The `\r` of a `\r\n` line end is not part of the cell.
        fields.push(buffer.slice(pos, end === lf && end > pos && buffer.charCodeAt(end - 1) === CR ? end - 1 : end));
        pos = end;
      }
      if (pos >= length) {
        this.#contentEnd = buffer.charCodeAt(length - 1) === CR ? length - 1 : length;
        this.#next = length;
        this.#newlines = newlines;
        return Outcome.Complete;
      }
      const char = buffer.charCodeAt(pos);
      if (char === delimiter) {
        pos++;
        continue;
      }
      // A line end: `\n`, or `\r\n` (only reachable as `\r` right after a closing quote).
      this.#contentEnd = char === CR || buffer.charCodeAt(pos - 1) !== CR ? pos : pos - 1;
      this.#next = char === CR ? pos + 2 : pos + 1;
      this.#newlines = newlines + 1;
      return Outcome.Complete;
    }
  }
}

function positionOrLength(text: string, search: string, from: number): number {
  const position = text.indexOf(search, from);
  return position === -1 ? text.length : position;
}
