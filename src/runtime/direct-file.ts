import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * A file written past the page cache (O_DIRECT) where the system allows it. On the bench machines
 * (virtual machines) a page of cache the kernel has not handed out lately costs about 3 µs a kB
 * to fill: writing 600 MB took 1.65 s of system time through the cache against 0.34 s and 15 ms
 * of CPU past it (1 MB writes from `node`), and in a 1M run the kernel's copies into the cache took
 * 1.75 core-seconds of the aggregate step's 5.5 s, on the same two cores as its threads
 * (`perf record`). Where O_DIRECT is missing (macOS, Windows) or refused (tmpfs, some network
 * file systems), the file is written through the cache as before.
 *
 * O_DIRECT asks that memory, file offsets and lengths be aligned to the disk's blocks: bytes are
 * gathered in buffers of WebAssembly memory, which starts on a page, written a whole buffer at a
 * time, and the last one is padded to a block and the file cut back to its length.
 */
export interface DirectFile {
  /** Appends the bytes; resolves once they are in a buffer (the write of a full buffer is waited for only when both are full). */
  write(bytes: Uint8Array): Promise<void>;
  /** Writes what is left, cuts the file to its length and closes it; resolves to the file's bytes. */
  close(): Promise<number>;
  /** Closes the file after a failure, leaving it as it is. */
  abandon(): Promise<void>;
}

/** Alignment of memory, offsets and lengths: 4 kB suits disks of 512-byte and of 4 kB blocks. */
const BLOCK = 4096;
/** Bytes per buffer: a write of 4 MB at a time, as the write streams of the tables used. */
const BUFFER_BYTES = 4 << 20;
const WASM_PAGE = 65536;

/** WebAssembly.Memory, which the project's TypeScript library settings do not declare. */
const { Memory: WasmMemory } = (globalThis as unknown as { WebAssembly: { Memory: new (size: { initial: number; maximum: number }) => { buffer: ArrayBuffer } } }).WebAssembly;

/** Free aligned buffers of this thread: a file takes two and gives them back when closed, so that a thread makes a few at most. */
const freeBuffers: Buffer[] = [];

function takeBuffer(): Buffer {
  return freeBuffers.pop() ?? Buffer.from(new WasmMemory({ initial: BUFFER_BYTES / WASM_PAGE, maximum: BUFFER_BYTES / WASM_PAGE }).buffer);
}

/** O_DIRECT where this platform has it; `direct: false` writes through the cache. */
export async function createDirectFile(path: string, { direct = true } = {}): Promise<DirectFile> {
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC;
  const directFlag = (constants as { O_DIRECT?: number }).O_DIRECT;
  if (direct && directFlag !== undefined) {
    try {
      return new AlignedWriter(path, await open(path, flags | directFlag), true);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
    }
  }
  return new AlignedWriter(path, await open(path, flags), false);
}

class AlignedWriter implements DirectFile {
  private readonly buffers: Buffer[] = [takeBuffer(), takeBuffer()];
  private current = 0;
  private used = 0;
  /** Where the current buffer goes in the file. */
  private position = 0;
  /** The write of the other buffer, if one is under way. */
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly path: string, private handle: FileHandle, private direct: boolean) {}

  async write(bytes: Uint8Array): Promise<void> {
    for (let from = 0; from < bytes.length; ) {
      const buffer = this.buffers[this.current]!;
      const count = Math.min(bytes.length - from, buffer.length - this.used);
      buffer.set(bytes.subarray(from, from + count), this.used);
      this.used += count;
      from += count;
      if (this.used === buffer.length) await this.flush(buffer.length);
    }
  }

  async close(): Promise<number> {
    const length = this.position + this.used;
    try {
      if (this.used > 0) {
        const padded = Math.ceil(this.used / BLOCK) * BLOCK;
        this.buffers[this.current]!.fill(0, this.used, padded);
        await this.flush(padded);
      }
      await this.pending;
      await this.handle.truncate(length);
    } catch (error) {
      await this.handle.close().catch(() => undefined);
      throw error;
    }
    await this.handle.close();
    freeBuffers.push(...this.buffers);
    return length;
  }

  async abandon(): Promise<void> {
    await this.pending.catch(() => undefined);
    await this.handle.close().catch(() => undefined);
  }

  /** Hands the current buffer's first `length` bytes to a write, once the other buffer's is done, and fills the other one next. */
  private async flush(length: number): Promise<void> {
    await this.pending;
    const writing = this.writeAt(this.buffers[this.current]!, length, this.position);
    // Awaited at the next flush or at close; until then a failure must not count as unhandled.
    writing.catch(() => undefined);
    this.pending = writing;
    this.position += length;
    this.current = 1 - this.current;
    this.used = 0;
  }

  private async writeAt(buffer: Buffer, length: number, at: number): Promise<void> {
    for (let done = 0; done < length; ) {
      try {
        const { bytesWritten } = await this.handle.write(buffer, done, length - done, at + done);
        done += bytesWritten;
      } catch (error) {
        // A file system may take O_DIRECT when the file is opened and refuse its writes.
        if (!this.direct || (error as NodeJS.ErrnoException).code !== 'EINVAL') throw writeFailed(this.path, error);
        await this.handle.close();
        this.handle = await open(this.path, constants.O_WRONLY);
        this.direct = false;
      }
    }
  }
}

/** A failed write, saying of which file (Node's own message names only the system call) and, for a full disk, what to do. */
function writeFailed(path: string, error: unknown): Error {
  const full = (error as NodeJS.ErrnoException).code === 'ENOSPC';
  return new Error(`could not write ${path}: ${error instanceof Error ? error.message : String(error)}${full ? '; free space on that disk and run the command again' : ''}`, { cause: error });
}
