/**
 * Cuts the bytes of a CSV file into segments of whole records, so that coding workers can each
 * read and parse their own segment while ingest only looks for record ends.
 *
 * A segment must start exactly where CsvRecordReader (csv-records.ts), reading the whole file,
 * would start a record: a worker then reads the same records from it. This scanner follows the
 * reader's dialect byte by byte (a quote opens a quoted cell only at the start of a cell, `""` is
 * an escaped quote, records end at `\n` or `\r\n`, empty lines are not records) for records
 * without syntax errors. The reader's recovery from a syntax error (resuming on the line after the
 * broken record) and its limit on record length are not followed: at the first record that is not
 * clean, or longer than MAX_RECORD_CHARS bytes, the scanner stops and reports where, and the rest
 * of the file is read in one stream by the reader itself. Bytes can be scanned for the reader's
 * characters because the encodings it is used for (UTF-8, Windows-1252) write `"`, `\r`, `\n`
 * and an ASCII delimiter as those single bytes, and never use those bytes inside a character.
 */
import { MAX_RECORD_CHARS } from './csv-records.js';

/** Records `records` of the file: bytes `start` up to `end`, the first record starting on `line`. */
export interface CsvSegment {
  start: number;
  end: number;
  line: number;
  records: number;
}

/** Where the scanner stopped: the rest of the file, from `start` (a record start on `line`), must be read in one stream. */
export interface CsvScanStop {
  start: number;
  line: number;
  reason: string;
  /** The scanner stopped in the header: the whole file must be read in one stream. */
  inHeader: boolean;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** #scanRecord could not finish the record: the buffer ends inside it. */
const NEED_MORE = -1;
/** #scanRecord met a syntax error. */
const NOT_CLEAN = -2;

export class CsvSegmenter {
  readonly #delimiter: number;
  readonly #recordsPerSegment: number;
  readonly #maxRecordBytes: number;
  #skipHeader: boolean;
  /** Bytes not scanned yet; they start at a record boundary. */
  #carry: Buffer = Buffer.alloc(0);
  /** File offset of #carry[0], and the physical line it is on. */
  #offset = 0;
  #line = 1;
  #atFileStart = true;
  #segmentStart = 0;
  #segmentLine = 1;
  #segmentRecords = 0;
  /** Embedded line ends of the record #scanRecord read last. */
  #newlines = 0;
  #stop: CsvScanStop | null = null;

  /**
   * `delimiter`: the file's one-character ASCII delimiter. `skipHeader`: the first record is the
   * header, in no segment (the first segment starts after it).
   */
  constructor(delimiter: string, recordsPerSegment: number, { skipHeader = true, maxRecordBytes = MAX_RECORD_CHARS } = {}) {
    const code = delimiter.charCodeAt(0);
    if (delimiter.length !== 1 || code >= 0x80 || code === QUOTE || code === LF || code === CR) {
      throw new Error(`CsvSegmenter needs a one-character ASCII delimiter other than a quote or line end, got ${JSON.stringify(delimiter)}`);
    }
    if (!Number.isInteger(recordsPerSegment) || recordsPerSegment < 1) throw new Error(`recordsPerSegment must be a positive integer, got ${recordsPerSegment}`);
    this.#delimiter = code;
    this.#recordsPerSegment = recordsPerSegment;
    this.#maxRecordBytes = maxRecordBytes;
    this.#skipHeader = skipHeader;
  }

  /** Set once the scanner met a record it cannot vouch for; it then takes no more bytes. */
  get stop(): CsvScanStop | null {
    return this.#stop;
  }

  /** Adds the next bytes of the file; returns the segments they completed. */
  push(chunk: Buffer): CsvSegment[] {
    return this.#scan(chunk, false);
  }

  /** Ends the file; returns the last segment, if it holds records. */
  finish(): CsvSegment[] {
    return this.#scan(Buffer.alloc(0), true);
  }

  #scan(chunk: Buffer, final: boolean): CsvSegment[] {
    const segments: CsvSegment[] = [];
    if (this.#stop) return segments;
    let buffer = this.#carry.length === 0 ? chunk : Buffer.concat([this.#carry, chunk]);
    if (this.#atFileStart) {
      if (buffer.length < UTF8_BOM.length && !final) {
        this.#carry = buffer;
        return segments;
      }
      this.#atFileStart = false;
      if (UTF8_BOM.every((byte, i) => buffer[i] === byte)) {
        buffer = buffer.subarray(UTF8_BOM.length);
        this.#offset = UTF8_BOM.length;
      }
    }
    const length = buffer.length;
    let pos = 0;
    while (pos < length) {
      const first = buffer[pos];
      if (first === LF) {
        pos++;
        this.#line++;
        continue;
      }
      if (first === CR && pos + 1 === length && !final) break;
      if (first === CR && (pos + 1 === length || buffer[pos + 1] === LF)) {
        pos += 2;
        this.#line++;
        continue;
      }
      const end = this.#scanRecord(buffer, pos, final);
      if (end === NOT_CLEAN || (end >= 0 && end - pos > this.#maxRecordBytes) || (end === NEED_MORE && length - pos > this.#maxRecordBytes)) {
        this.#stopAt(this.#offset + pos, end === NOT_CLEAN ? 'a record with a CSV syntax error' : `a record longer than ${this.#maxRecordBytes} bytes`);
        break;
      }
      if (end === NEED_MORE) break;
      pos = end;
      this.#line += this.#newlines;
      if (this.#skipHeader) {
        this.#skipHeader = false;
        this.#startSegment(this.#offset + pos);
      } else if (++this.#segmentRecords === this.#recordsPerSegment) {
        segments.push(this.#segmentTo(this.#offset + pos));
        this.#startSegment(this.#offset + pos);
      }
    }
    const stop = this.#stop as CsvScanStop | null;
    if (stop) {
      if (this.#segmentRecords > 0) segments.push(this.#segmentTo(stop.start));
      this.#carry = Buffer.alloc(0);
      return segments;
    }
    // Only the unscanned tail is kept: a copy, so that the caller's chunk can be released.
    this.#carry = Buffer.from(buffer.subarray(pos));
    this.#offset += pos;
    if (final && this.#segmentRecords > 0) segments.push(this.#segmentTo(this.#offset + this.#carry.length));
    return segments;
  }

  #stopAt(start: number, reason: string): void {
    this.#stop = { start, line: this.#line, reason, inHeader: this.#skipHeader };
  }

  #startSegment(start: number): void {
    this.#segmentStart = start;
    this.#segmentLine = this.#line;
    this.#segmentRecords = 0;
  }

  #segmentTo(end: number): CsvSegment {
    return { start: this.#segmentStart, end, line: this.#segmentLine, records: this.#segmentRecords };
  }

  /**
   * Reads the record at `start`: returns the position after its line end (the buffer's length for
   * a last record without one, when `final`), NEED_MORE or NOT_CLEAN; sets #newlines.
   */
  #scanRecord(buffer: Buffer, start: number, final: boolean): number {
    const length = buffer.length;
    const delimiter = this.#delimiter;
    let newlines = 0;
    let pos = start;
    // The next line feed at or after `pos` (length: none), looked up only once `pos` passes it.
    let nextLf = -1;
    for (;;) {
      // At the start of a cell.
      if (pos < length && buffer[pos] === QUOTE) {
        pos++;
        for (;;) {
          // Quoted text is most of a record's bytes: the next quote and the line feeds before it
          // are found by Buffer.indexOf (memchr), several times faster than a loop over the bytes.
          const quote = buffer.indexOf(QUOTE, pos);
          const end = quote < 0 ? length : quote;
          for (;;) {
            if (nextLf < pos) {
              nextLf = buffer.indexOf(LF, pos);
              if (nextLf < 0) nextLf = length;
            }
            if (nextLf >= end) break;
            newlines++;
            pos = nextLf + 1;
          }
          pos = end;
          if (pos === length) return final ? NOT_CLEAN : NEED_MORE;
          if (pos + 1 === length) return this.#ended(final, length, newlines);
          const after = buffer[pos + 1];
          if (after === QUOTE) {
            pos += 2;
            continue;
          }
          if (after === delimiter) {
            pos += 2;
            break;
          }
          if (after === LF) return this.#ended(true, pos + 2, newlines + 1);
          if (after === CR) {
            if (pos + 2 === length) return this.#ended(final, length, newlines);
            if (buffer[pos + 2] === LF) return this.#ended(true, pos + 3, newlines + 1);
          }
          return NOT_CLEAN;
        }
        continue;
      }
      let byte = 0;
      while (pos < length && (byte = buffer[pos]!) !== delimiter && byte !== LF) pos++;
      if (pos === length) return this.#ended(final, length, newlines);
      if (byte === LF) return this.#ended(true, pos + 1, newlines + 1);
      pos++;
    }
  }

  #ended(complete: boolean, end: number, newlines: number): number {
    if (!complete) return NEED_MORE;
    this.#newlines = newlines;
    return end;
  }
}
