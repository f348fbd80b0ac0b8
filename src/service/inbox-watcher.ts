import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../runtime/logger.js';

export interface WatcherOptions {
  dir: string;
  /** How often the folder is listed. */
  pollMs?: number;
  /** How long size and modification time must stay the same before a file counts as fully written. */
  settleMs?: number;
  log: Logger;
  /** Called with every settled file, one at a time; the file must be gone from `dir` afterwards. */
  onSettled(file: { path: string; name: string }): Promise<void>;
}

export interface Watcher {
  /** Lists the folder once and takes in what has settled (the timer does this on its own). */
  poll(): Promise<void>;
  close(): Promise<void>;
}

/** Names of files still being written by common tools: left alone until renamed. */
const partialFile = /(\.(part|partial|tmp|crdownload|download|filepart)|~)$/i;

/**
 * Watches a folder by listing it: a file is taken in once its size and modification time have not
 * changed for `settleMs` (a copy or download in progress keeps changing both). Listing, rather than
 * file system events, works the same on network mounts and sees files that arrived while the service
 * was down. Hidden files, folders and partial downloads are left alone.
 */
export function watchInbox(options: WatcherOptions): Watcher {
  const pollMs = options.pollMs ?? 1000;
  const settleMs = options.settleMs ?? 2000;
  const seen = new Map<string, { size: number; mtimeMs: number; since: number }>();
  let running: Promise<void> | undefined;
  let closed = false;

  async function pollOnce(): Promise<void> {
    const entries = await readdir(options.dir, { withFileTypes: true }).catch(() => []);
    const present = new Set<string>();
    for (const entry of entries) {
      if (closed) return;
      if (!entry.isFile() || entry.name.startsWith('.') || partialFile.test(entry.name)) continue;
      present.add(entry.name);
      const path = join(options.dir, entry.name);
      const info = await stat(path).catch(() => undefined);
      if (!info) continue;
      const now = Date.now();
      const last = seen.get(entry.name);
      if (!last || last.size !== info.size || last.mtimeMs !== info.mtimeMs) {
        seen.set(entry.name, { size: info.size, mtimeMs: info.mtimeMs, since: now });
        continue;
      }
      if (now - last.since < settleMs) continue;
      seen.delete(entry.name);
      try {
        await options.onSettled({ path, name: entry.name });
      } catch (error) {
        options.log.error({ file: entry.name, err: (error as Error).message }, 'could not take in an inbox file; trying again');
      }
    }
    for (const name of seen.keys()) if (!present.has(name)) seen.delete(name);
  }

  const poll = () => {
    running ??= pollOnce().finally(() => (running = undefined));
    return running;
  };
  const timer = setInterval(() => void poll(), pollMs);
  return {
    poll,
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
}
