import { createHash } from 'node:crypto';
import { rename } from 'node:fs/promises';
import { createDirectFile } from '../runtime/direct-file.js';
import type { FileDigest } from '../runtime/hash-file.js';
import { csvRecord } from './csv-record.js';
import { csvRow, type TableColumn } from './table-column.js';

/** A CSV file as written: its rows (header not counted) and its digest. */
export interface WrittenCsv {
  rows: number;
  digest: FileDigest;
}

/**
 * Writes an RFC 4180 CSV (UTF-8, \n line ends, header row) under a temporary name and renames it
 * into place when complete, so that a crash never leaves half a table.
 */
export async function writeCsv<Row>(path: string, columns: readonly TableColumn<Row>[], rows: AsyncIterable<Row> | Iterable<Row>): Promise<WrittenCsv> {
  let count = 0;
  const digest = await writeTableFile(path, async (write) => {
    await write(csvRecord(columns.map((c) => c.name)));
    for await (const row of rows) {
      await write(csvRow(columns, row));
      count++;
    }
  });
  return { rows: count, digest };
}

/**
 * Characters of text gathered before they are handed to the stream: tables are written a line at
 * a time, and a stream write per line cost network.gexf (a million posts: 62 MB) 2.6 s instead of
 * 1.0 s. No more, because the gathered text is made one string to be encoded, and V8 puts a
 * string of more than 128 kB on fresh pages (about 13 µs each on the bench machine): with an emoji
 * in one label of a hundred, which makes the text two bytes a character, 48 MB of network.gexf
 * lines took 540 ms in chunks of 65,536 characters against 131 ms in chunks of 32,768 (ASCII
 * labels: 114-125 ms either way).
 */
const TEXT_CHUNK_CHARS = 1 << 15;

export type WriteChunk = (chunk: string | Uint8Array) => Promise<void>;

/**
 * A table file written through `fill`, under a temporary name renamed into place once complete,
 * past the page cache where the system allows it (direct-file.ts; `direct: false`: through it).
 * `write` gathers text into larger chunks and waits only when the file's buffers are full, so a
 * table streams at disk speed; bytes are passed on as they are, after the text before them.
 * Returns the file's digest, hashed on the way out: reading a million posts' coded_posts.csv
 * (0.6 GB) back to hash it cost the aggregate step about a second.
 */
export async function writeTableFile(path: string, fill: (write: WriteChunk) => Promise<void>, { direct = true } = {}): Promise<FileDigest> {
  const temporary = `${path}.partial`;
  const out = await createDirectFile(temporary, { direct });
  const hash = createHash('sha256');
  let bytes = 0;
  const pass = async (chunk: string | Uint8Array) => {
    // Text is encoded once, for the hash and the file alike.
    const encoded = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    hash.update(encoded);
    bytes += encoded.length;
    await out.write(encoded);
  };
  let text = '';
  const write: WriteChunk = async (chunk) => {
    if (typeof chunk === 'string') {
      text += chunk;
      if (text.length < TEXT_CHUNK_CHARS) return;
    } else if (text !== '') {
      await pass(text);
    }
    const next = typeof chunk === 'string' ? text : chunk;
    text = '';
    await pass(next);
  };
  try {
    await fill(write);
    if (text !== '') await pass(text);
  } catch (error) {
    await out.abandon();
    throw error;
  }
  await out.close();
  await rename(temporary, path);
  return { sha256: hash.digest('hex'), bytes };
}
