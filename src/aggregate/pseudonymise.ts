import { createHash, createHmac, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CodedPost } from '../types/contracts.js';

/** Where the pseudonym key of a data folder lives: beside the runs, never inside one. */
export const pseudonymKeyPath = (dataRoot: string) => join(dataRoot, 'keys', 'pseudonym.key');

/**
 * Reads the data folder's pseudonym key, creating it (32 random bytes, hex, mode 0600) the first
 * time. Every run of a data folder uses the same key, so an account gets the same pseudonym in
 * every run and runs can be merged.
 */
export async function ensurePseudonymKey(path: string): Promise<Buffer> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    await writeFile(path, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  await chmod(path, 0o600);
  return readPseudonymKey(path);
}

/** Reads an existing key (workers and the aggregate step: the run's submission created it). */
export async function readPseudonymKey(path: string): Promise<Buffer> {
  let hex: string;
  try {
    hex = (await readFile(path, 'utf8')).trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new Error(`cannot read the pseudonym key ${path} (${code}): every worker of a --pseudonymise run needs the data folder, keys/ included, at the same path`, { cause: error });
  }
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${path} is not a ctacode pseudonym key (64 hex digits)`);
  return Buffer.from(hex, 'hex');
}

/** A value that says which key was used without revealing it (recorded in the manifest). */
export const keyFingerprint = (key: Buffer) => createHash('sha256').update('ctacode pseudonym key fingerprint\n').update(key).digest('hex').slice(0, 16);

/** Keyed HMAC-SHA256 of a value, the first 16 hex digits (64 bits). */
export type Pseudonymiser = (value: string) => string;

export function pseudonymiser(key: Buffer): Pseudonymiser {
  return (value) => createHmac('sha256', key).update(value, 'utf8').digest('hex').slice(0, 16);
}

const mentionPattern = /@[\p{L}\p{N}_](?:[\p{L}\p{N}_.]*[\p{L}\p{N}_])?/gu;

/** Handles and mentions are hashed lower-case without @, so that a mention and the handle it names get the same pseudonym. */
const handleOf = (value: string) => value.toLowerCase().replace(/^@/, '');

export interface PostPrivacy {
  pseudonymise: Pseudonymiser | null;
  noText: boolean;
}

/**
 * The post as it goes into every output under --pseudonymise and --no-text. Pseudonymising
 * replaces account id, handle and name, the mentions, @handle targets and @mentions in the text
 * and evidence by their keyed hashes, and drops the post URL (it names the account). --no-text
 * empties the text and the matched evidence text (the columns themselves are dropped).
 */
export function applyPrivacy(coded: CodedPost, privacy: PostPrivacy): CodedPost {
  const hash = privacy.pseudonymise;
  if (hash === null && !privacy.noText) return coded;
  const { post, coding } = coded;
  const inText = (text: string) => (hash === null ? text : text.replace(mentionPattern, (m) => `@${hash(handleOf(m))}`));
  const handle = (value: string | null) => (value === null || hash === null ? value : hash(handleOf(value)));
  const plain = (value: string | null) => (value === null || hash === null ? value : hash(value));
  return {
    post: {
      ...post,
      account_id: plain(post.account_id),
      account_handle: handle(post.account_handle),
      account_name: plain(post.account_name),
      mentions: hash === null ? post.mentions : post.mentions.map((m) => hash(handleOf(m))),
      url: hash === null ? post.url : null,
      text: privacy.noText ? '' : inText(post.text),
    },
    coding: {
      ...coding,
      targets: hash === null ? coding.targets : coding.targets.map((t) => (t.startsWith('@') ? `@${hash(handleOf(t))}` : t)).sort(),
      evidence: coding.evidence.map((e) => ({ ...e, text: privacy.noText ? '' : inText(e.text) })),
    },
  };
}
