import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { writeAllSync } from '../runtime/atomic-write.js';
import { runLayout } from '../runs/run-layout.js';

/**
 * Where the coding workers leave coded batches for the aggregate step: each worker appends the
 * batches it codes in a run to a log file of its own in the run's .work folder, a record per
 * batch. A file per batch cost two new files per thousand posts (rows and entries, each written
 * under a temporary name and renamed), and creating a file took 0.7–0.9 ms of CPU on the bench
 * machine's ext4 (strace of a million posts: 1,886 creations, 1.8 s), besides the aggregate
 * step's opening each one three times.
 *
 * A record is a header of a fixed size (which batch, and the byte lengths of what follows), the
 * batch's entries, then its rows (coded-part.ts). A record is complete when the file holds all of
 * its bytes: a worker killed while appending leaves a partial record at the end of its log, and
 * its batch, never acknowledged, is coded again by another worker into that worker's own log.
 * Should an append fail otherwise (a full disk), the worker starts a new log, so that a partial
 * record is only ever at the end of one. Coding is deterministic, so where a batch has several
 * complete records (coded again after a crash) they hold the same bytes; the last one read is used.
 *
 * A record is written without leaving the thread, which has nothing else to do meanwhile: the
 * asynchronous write cost more CPU than the write itself (hand-offs to libuv's threads, 512 kB at
 * a time): 4.4–4.8 against 1.9–3.3 µs per post (bench/coding-stages.ts, four alternating runs).
 */
export class PartLog {
  private path: string;

  constructor(private readonly runDir: string) {
    this.path = newLogPath(runDir);
  }

  /** Appends a batch's record: its entries (coded-part.ts) and its rows. */
  append(fileIndex: number, batchIndex: number, entries: readonly (string | Uint8Array)[], rows: Uint8Array): void {
    const entryBytes = entries.map((piece) => (typeof piece === 'string' ? Buffer.from(piece) : piece));
    const entriesLength = entryBytes.reduce((total, piece) => total + piece.length, 0);
    const pieces = [recordHeader({ file: fileIndex, batch: batchIndex, entries: entriesLength, rows: rows.length }), ...entryBytes, rows];
    const fd = openSync(this.path, 'a');
    try {
      for (const piece of pieces) writeAllSync(fd, piece);
    } catch (error) {
      this.path = newLogPath(this.runDir);
      throw error;
    } finally {
      closeSync(fd);
    }
  }
}

/** A log of this worker's own: a name no other thread, process or machine writing to the run uses. */
const newLogPath = (runDir: string) => runLayout.partLog(runDir, `${process.pid}-${threadId}-${randomBytes(4).toString('hex')}`);

/** Where a batch's record lies in its log. */
export interface PartPlace {
  path: string;
  entriesAt: number;
  entriesLength: number;
  rowsAt: number;
  rowsLength: number;
}

interface RecordHeader {
  file: number;
  batch: number;
  entries: number;
  rows: number;
}

/** Bytes of a record's header: JSON, padded with spaces, then a line feed (`head -c` shows what a log holds). */
const HEADER_BYTES = 128;
const headerMark = 'ctacode-part';

function recordHeader(header: RecordHeader): Buffer {
  // Four whole numbers below 2^53 take at most 64 characters: the JSON always fits.
  return Buffer.from(`${JSON.stringify({ [headerMark]: 1, ...header }).padEnd(HEADER_BYTES - 1)}\n`);
}

/** The header read at a record's start; null where the bytes are not one (a log's damaged tail). */
function readHeader(bytes: Buffer): RecordHeader | null {
  if (bytes.length !== HEADER_BYTES || bytes[HEADER_BYTES - 1] !== 10) return null;
  try {
    const value = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    const fields = [value.file, value.batch, value.entries, value.rows];
    if (value[headerMark] !== 1 || !fields.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) return null;
    return value as unknown as RecordHeader;
  } catch {
    return null;
  }
}

export const partKey = (fileIndex: number, batchIndex: number) => `${fileIndex}:${batchIndex}`;

/**
 * The complete records of every log of the run, by partKey: a header read per batch. A log's
 * reading stops at a record that is not whole (a worker killed while appending). The headers are
 * read without leaving the thread: a million posts' thousand headers took about 90 ms read
 * asynchronously (a hand-off to libuv's threads each), and the aggregate step reads them in each
 * of its passes.
 */
export function placesOfParts(runDir: string): Map<string, PartPlace> {
  const places = new Map<string, PartPlace>();
  const work = runLayout.work(runDir);
  let names: string[];
  try {
    names = readdirSync(work).filter(runLayout.isPartLog).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return places;
    throw error;
  }
  const bytes = Buffer.allocUnsafe(HEADER_BYTES);
  for (const name of names) {
    const path = join(work, name);
    const fd = openSync(path, 'r');
    try {
      const { size } = fstatSync(fd);
      for (let at = 0; at + HEADER_BYTES <= size; ) {
        const header = readHeader(bytes.subarray(0, readSync(fd, bytes, 0, HEADER_BYTES, at)));
        const end = header === null ? Infinity : at + HEADER_BYTES + header.entries + header.rows;
        if (header === null || end > size) break;
        const entriesAt = at + HEADER_BYTES;
        places.set(partKey(header.file, header.batch), { path, entriesAt, entriesLength: header.entries, rowsAt: entriesAt + header.entries, rowsLength: header.rows });
        at = end;
      }
    } finally {
      closeSync(fd);
    }
  }
  return places;
}
