import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { withRoom } from '../runtime/grow-arrays.js';
import type { Copy } from './deduplicate.js';

/** What the first pass sets aside for a later share: a copy of a post, or a use of a CTA target. */
export type SpilledRecord = { kind: 'copy'; ordinal: number; hash: number; copy: Copy } | { kind: 'use'; account: string; target: string };

const copyRecord = 1;
const useRecord = 2;
const bufferBytes = 1 << 20;
/** Only this attempt writes its spill files (their names are its own): a damaged one was changed from outside. */
const changedMeanwhile = 'this work file of the aggregate step was changed by something else while the run was written; code the run again';

/**
 * The copies and target uses of the shares after the first, which the aggregate step's first pass
 * writes to a file per share as it reads the entries once, and reads back one share at a time:
 * deduplicating a share then holds only that share's keys, and the entries are not read again per
 * share. Strings are stored as UTF-16 code units, so that ids with lone surrogates come back as
 * they were. Records come back in the order they were added (input order within a share).
 */
export class ShareSpill {
  private readonly files: { path: string; fd: number; buffer: Buffer; used: number }[] = [];
  private closed = false;

  /** `pathOf(share)`: where a share's file goes, for shares 1 … shares − 1. */
  constructor(shares: number, pathOf: (share: number) => string) {
    for (let share = 1; share < shares; share++) {
      const path = pathOf(share);
      this.files[share] = { path, fd: openSync(path, 'w'), buffer: Buffer.allocUnsafe(bufferBytes), used: 0 };
    }
  }

  /** `hash`: fnv1a of the key, which the first pass has worked out already (KeptCopies.add). */
  addCopy(share: number, ordinal: number, hash: number, copy: Copy): void {
    const file = this.reserve(share, 1 + 4 + 4 + 8 + 8 + 2 * (copy.key.length + copy.collectedAt.length));
    const { buffer } = file;
    let at = file.used;
    buffer[at++] = copyRecord;
    at = buffer.writeUInt32LE(ordinal, at);
    at = buffer.writeUInt32LE(hash, at);
    at = buffer.writeDoubleLE(copy.engagement, at);
    at = writeString(buffer, at, copy.key);
    file.used = writeString(buffer, at, copy.collectedAt);
  }

  addUse(share: number, account: string, target: string): void {
    const file = this.reserve(share, 1 + 8 + 2 * (account.length + target.length));
    const { buffer } = file;
    buffer[file.used] = useRecord;
    file.used = writeString(buffer, writeString(buffer, file.used + 1, account), target);
  }

  /** Writes what is left in every buffer and closes the files: call once every record is added. */
  finish(): void {
    for (const file of this.files.slice(1)) this.flush(file);
    this.close();
  }

  /** A share's records, read back in pieces (call after finish). */
  *read(share: number): Generator<SpilledRecord> {
    const { path } = this.files[share]!;
    const fd = openSync(path, 'r');
    try {
      let buffer: Buffer = Buffer.allocUnsafe(bufferBytes);
      let length = 0;
      for (;;) {
        buffer = withRoom(buffer, length, length + 1);
        const read = readSync(fd, buffer, length, buffer.length - length, null);
        length += read;
        let at = 0;
        for (let record = recordAt(buffer, at, length, path); record !== null; record = recordAt(buffer, at, length, path)) {
          at = record.end;
          yield record.value;
        }
        if (read === 0) {
          if (at !== length) throw new Error(`${path} ends in the middle of a record: ${changedMeanwhile}`);
          return;
        }
        buffer.copy(buffer, 0, at, length);
        length -= at;
      }
    } finally {
      closeSync(fd);
    }
  }

  /** Removes the files, also where the pass failed before finish. */
  remove(): void {
    this.close();
    for (const file of this.files.slice(1)) rmSync(file.path, { force: true });
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const file of this.files.slice(1)) closeSync(file.fd);
  }

  private reserve(share: number, bytes: number) {
    const file = this.files[share]!;
    if (file.used + bytes > file.buffer.length) {
      this.flush(file);
      file.buffer = withRoom(file.buffer, 0, bytes);
    }
    return file;
  }

  private flush(file: { fd: number; buffer: Buffer; used: number }): void {
    let written = 0;
    while (written < file.used) written += writeSync(file.fd, file.buffer, written, file.used - written);
    file.used = 0;
  }
}

function writeString(buffer: Buffer, at: number, text: string): number {
  const start = buffer.writeUInt32LE(text.length, at);
  return start + buffer.write(text, start, 'utf16le');
}

/** The string at `at`, or null where the bytes before `length` do not hold all of it. */
function stringAt(buffer: Buffer, at: number, length: number): { text: string; end: number } | null {
  if (at + 4 > length) return null;
  const end = at + 4 + 2 * buffer.readUInt32LE(at);
  return end > length ? null : { text: buffer.toString('utf16le', at + 4, end), end };
}

/** The record at `at`, or null where the bytes before `length` do not hold all of it. */
function recordAt(buffer: Buffer, at: number, length: number, path: string): { value: SpilledRecord; end: number } | null {
  if (at >= length) return null;
  if (buffer[at] === copyRecord) {
    if (at + 17 > length) return null;
    const key = stringAt(buffer, at + 17, length);
    const collectedAt = key && stringAt(buffer, key.end, length);
    if (!key || !collectedAt) return null;
    const copy = { key: key.text, collectedAt: collectedAt.text, engagement: buffer.readDoubleLE(at + 9) };
    return { value: { kind: 'copy', ordinal: buffer.readUInt32LE(at + 1), hash: buffer.readUInt32LE(at + 5), copy }, end: collectedAt.end };
  }
  if (buffer[at] !== useRecord) throw new Error(`${path}: a record of an unknown kind (${buffer[at]}): ${changedMeanwhile}`);
  const account = stringAt(buffer, at + 1, length);
  const target = account && stringAt(buffer, account.end, length);
  if (!account || !target) return null;
  return { value: { kind: 'use', account: account.text, target: target.text }, end: target.end };
}
