/**
 * Reading values out of parsed JSON items, which are `unknown` until looked at: every accessor
 * returns null for a value of the wrong kind rather than throwing, because exports leave out keys
 * and change types (`createTime` as a number or a string).
 */
import { parseCount } from './counts.js';
import { parseDateTime, parseEpochMilliseconds, parseEpochSeconds, type UtcTimestamp } from './timestamps.js';

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The value at a dotted path (`author.username`, `stats.diggCount`); array elements by index (`hashtags.0`). */
export function at(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(key)) current = current[Number(key)];
    else {
      const object = asObject(current);
      if (object === null || !Object.hasOwn(object, key)) return undefined;
      current = object[key];
    }
  }
  return current;
}

/** A non-empty trimmed string, or a number as text; null otherwise. */
export function text(value: unknown): string | null {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/**
 * An id as a string. Long integer ids arrive as strings from parseJsonLossless; a number here
 * is one small enough to be exact.
 */
export function idText(value: unknown): string | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : null;
  return text(value);
}

/**
 * A count: a number, or a string of one (YouTube writes `"1500000000"`); negative sentinels
 * (`-1` for hidden likes), null, absent and anything else → null, never 0.
 */
export function count(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value === 'string') return parseCount(value);
  return null;
}

/** A boolean, or null for anything else. */
export function bool(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

/** Epoch seconds as a number or a string of digits (`1653515055`, `"1653515055"`). */
export function epochSeconds(value: unknown): UtcTimestamp | undefined {
  if (typeof value === 'number') return value >= 0 ? parseEpochSeconds(String(Math.trunc(value))) : undefined;
  return typeof value === 'string' ? parseEpochSeconds(value) : undefined;
}

/** Epoch milliseconds as a number or a string of digits. */
export function epochMilliseconds(value: unknown): UtcTimestamp | undefined {
  if (typeof value === 'number') return value >= 0 ? parseEpochMilliseconds(String(Math.trunc(value))) : undefined;
  return typeof value === 'string' ? parseEpochMilliseconds(value) : undefined;
}

/** An ISO 8601 string (with or without offset; without, read as UTC and `assumed`). */
export function isoTime(value: unknown): UtcTimestamp | undefined {
  return typeof value === 'string' ? parseDateTime(value) : undefined;
}

/** Strings of an array, each trimmed, empties dropped. */
export function strings(value: unknown): string[] {
  return asArray(value).flatMap((entry) => {
    const entryText = text(entry);
    return entryText === null ? [] : [entryText];
  });
}
