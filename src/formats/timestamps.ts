/**
 * Timestamps as exports write them → ISO 8601 UTC (`2021-07-06T20:45:20Z`).
 *
 * Every parser returns `undefined` for a value it cannot read, so callers decide whether that
 * rejects the row; callers handle empty cells themselves (an empty date is `null`, not an error).
 */

/** A point in time in UTC, and whether reading it meant assuming a time zone. */
export interface UtcTimestamp {
  /** ISO 8601 UTC; milliseconds only where the export had them. */
  iso: string;
  /**
   * The value carried no offset, or an ambiguous or unknown zone abbreviation, so a zone was
   * assumed: the caller keeps the original string in `created_at_original`.
   */
  assumed: boolean;
}

/**
 * Zone abbreviations that name one UTC offset in practice (offset in minutes east of UTC).
 * CrowdTangle writes the dashboard's zone this way (`2021-07-06 16:45:20 EDT`).
 */
const UNAMBIGUOUS_ZONES: ReadonlyMap<string, number> = new Map([
  ['UTC', 0], ['UT', 0], ['GMT', 0], ['Z', 0],
  ['EST', -300], ['EDT', -240], ['CDT', -300], ['MST', -420], ['MDT', -360],
  ['PST', -480], ['PDT', -420], ['AKST', -540], ['AKDT', -480], ['HST', -600], ['HDT', -540],
  ['ADT', -180], ['NST', -210], ['NDT', -150],
  ['BRT', -180], ['ART', -180],
  ['WET', 0], ['WEST', 60], ['CET', 60], ['CEST', 120], ['MET', 60], ['MEST', 120],
  ['EET', 120], ['EEST', 180], ['MSK', 180],
  ['WAT', 60], ['CAT', 120], ['SAST', 120], ['EAT', 180],
  ['PKT', 300], ['NPT', 345], ['ICT', 420], ['WIB', 420],
  ['HKT', 480], ['SGT', 480], ['PHT', 480], ['AWST', 480], ['JST', 540], ['KST', 540],
  ['ACST', 570], ['ACDT', 630], ['AEST', 600], ['AEDT', 660], ['NZST', 720], ['NZDT', 780],
]);

/**
 * Abbreviations used by several zones. CrowdTangle dashboards were mostly set to US, UK or
 * Indian zones, so each is read as the reading below and the original string is kept:
 * CST = US Central (not China), IST = India (not Ireland or Israel),
 * BST = British Summer Time (not Bangladesh), AST = Atlantic (not Arabia).
 */
const AMBIGUOUS_ZONES: ReadonlyMap<string, number> = new Map([
  ['CST', -360], ['IST', 330], ['BST', 60], ['AST', -240],
]);

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
/** Days of 1000-01-01 and 9999-12-31: outside them ISO years need padding, or a sign and six digits. */
const MIN_FAST_DAY = -354_285;
const MAX_FAST_DAY = 2_932_896;

/**
 * What may follow `YYYY-MM-DD[( |T)HH:MM[:SS]]`: a fraction of a second, then an offset (`Z`,
 * `+02:00`, `+0200`, `+02`) or, after a space, a zone abbreviation that may carry its own offset
 * (`EDT`, `UTC`, `GMT+2`).
 */
const DATE_TIME_TAIL = /^(?:[.,](\d{1,9}))?(?:\s*(Z|[+-]\d{2}(?::?\d{2})?)|\s+([A-Za-z]{1,5})(?:([+-]\d{1,2})(?::?(\d{2}))?)?)?$/;

const EPOCH = /^\d+(?:\.\d+)?$/;
const DASH = 45;
const COLON = 58;
const SPACE = 32;
const LETTER_T = 84;
const LETTER_Z = 90;
const DOT = 46;
const EXTENDED_YEAR = /^[+-]\d{6}-/;

/**
 * Reads `YYYY-MM-DD HH:MM:SS`, ISO 8601 with or without offset, a date alone, and the
 * CrowdTangle form with a zone abbreviation. A value without offset is wall-clock time in
 * `zone` (IANA name, default UTC) and comes back `assumed`.
 */
export function parseDateTime(value: string, zone = 'UTC'): UtcTimestamp | undefined {
  const read = readDateTime(value, zone);
  return read === undefined ? undefined : { iso: isoUtc(read.ms), assumed: read.assumed };
}

/** parseDateTime's reading: the time in milliseconds since 1970 UTC, and whether a zone was assumed. */
function readDateTime(value: string, zone: string): { ms: number; assumed: boolean } | undefined {
  const text = value.trim();
  // Read digit by digit, not with one capture group per part: every row has a timestamp, and
  // captures cost as much as the rest of the conversion.
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 0 || day < 0 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return undefined;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let end = 10;
  const separator = text.charCodeAt(10);
  if ((separator === SPACE || separator === LETTER_T) && text.charCodeAt(13) === COLON) {
    hour = digitsAt(text, 11, 2);
    minute = digitsAt(text, 14, 2);
    end = 16;
    if (text.charCodeAt(16) === COLON) {
      second = digitsAt(text, 17, 2);
      end = 19;
    }
    if (hour < 0 || minute < 0 || second < 0) return undefined;
  }
  // Milliseconds (exactly three digits, as ISO exports and isoUtc write them) before such a tail are read here too.
  let tailAt = end;
  let millis = 0;
  if (end === 19 && text.charCodeAt(19) === DOT) {
    const fraction = digitsAt(text, 20, 3);
    if (fraction >= 0) [millis, tailAt] = [fraction, 23];
  }
  if (isUtcTail(text, tailAt)) {
    const wallMs = wallClockMs(year, month, day, hour, minute, second, millis);
    return wallMs === undefined ? undefined : { ms: wallMs, assumed: false };
  }
  const tail = end === text.length ? undefined : DATE_TIME_TAIL.exec(text.slice(end));
  if (tail === null) return undefined;
  const fraction = tail?.[1];
  const wallMs = wallClockMs(year, month, day, hour, minute, second, fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0')));
  if (wallMs === undefined) return undefined;
  const offset = tail?.[2];
  if (offset !== undefined) return { ms: wallMs - offsetMinutes(offset) * MINUTE_MS, assumed: false };
  const abbreviation = tail?.[3];
  if (abbreviation !== undefined) {
    const zoneOffset = abbreviationOffset(abbreviation.toUpperCase(), tail?.[4], tail?.[5]);
    return { ms: wallMs - zoneOffset.minutes * MINUTE_MS, assumed: zoneOffset.assumed };
  }
  return { ms: wallMs - zoneOffsetMs(zone, wallMs), assumed: true };
}

/**
 * Whether the text ends at `end` with `Z` or ` UTC`, the tails of ISO timestamps and of CrowdTangle's
 * (`2023-01-01 23:57:53 UTC`), which DATE_TIME_TAIL reads as UTC too: every row of such an export
 * otherwise took a slice, a match with captures and a look-up of the zone.
 */
function isUtcTail(text: string, end: number): boolean {
  const rest = text.length - end;
  if (rest === 1) return text.charCodeAt(end) === LETTER_Z;
  return rest === 4 && text.charCodeAt(end) === SPACE && text.endsWith('UTC');
}

/** The decimal number in `text[start, start + count)`, or -1 unless all of them are digits. */
function digitsAt(text: string, start: number, count: number): number {
  if (start + count > text.length) return -1;
  let number = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    number = number * 10 + digit;
  }
  return number;
}

/** Seconds since 1970-01-01T00:00:00Z, as TikTok, Telegram and 4CAT's `unix_timestamp` write them. */
export function parseEpochSeconds(value: string): UtcTimestamp | undefined {
  return epoch(value, 1000);
}

/** Milliseconds since 1970-01-01T00:00:00Z, as Zeeschuimer and JavaScript tools write them. */
export function parseEpochMilliseconds(value: string): UtcTimestamp | undefined {
  return epoch(value, 1);
}

/**
 * Any of the forms above, for columns whose form is not known in advance. A bare number is
 * epoch seconds when it has 9–11 integer digits (1973–5138) and epoch milliseconds when it has
 * 12–14; other bare numbers (a year, `20230105`) are not read as epochs.
 */
export function parseTimestamp(value: string, zone = 'UTC'): UtcTimestamp | undefined {
  const trimmed = value.trim();
  if (EPOCH.test(trimmed)) {
    const digits = trimmed.indexOf('.') === -1 ? trimmed.length : trimmed.indexOf('.');
    if (digits >= 9 && digits <= 11) return parseEpochSeconds(trimmed);
    if (digits >= 12 && digits <= 14) return parseEpochMilliseconds(trimmed);
    return undefined;
  }
  return parseDateTime(trimmed, zone) ?? parseTwitterDate(trimmed);
}

const MONTHS: ReadonlyMap<string, number> = new Map(
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((name, index) => [name, index + 1]),
);
/** `Wed Oct 10 20:19:24 +0000 2018`: Twitter API v1.1 `created_at`, as twarc1 and many scrapers write it. */
const TWITTER_DATE = /^(?:[A-Za-z]{3},?\s+)?([A-Za-z]{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+([+-]\d{4}|Z|UTC|GMT)\s+(\d{4})$/;

/** The Twitter API v1.1 form `Wed Oct 10 20:19:24 +0000 2018` (weekday optional); undefined for anything else. */
export function parseTwitterDate(value: string): UtcTimestamp | undefined {
  const match = TWITTER_DATE.exec(value.trim());
  if (match === null) return undefined;
  const month = MONTHS.get(match[1]!.toLowerCase());
  if (month === undefined) return undefined;
  const wallMs = wallClockMs(Number(match[7]), month, Number(match[2]), Number(match[3]), Number(match[4]), Number(match[5]), 0);
  if (wallMs === undefined) return undefined;
  const offset = match[6]!;
  const minutes = /^[+-]/.test(offset) ? offsetMinutes(offset) : 0;
  return { iso: isoUtc(wallMs - minutes * MINUTE_MS), assumed: false };
}

/** Whether `zone` is an IANA time zone name this Node.js knows, e.g. `Europe/Berlin`. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    zoneFormatter(zone);
    return true;
  } catch {
    return false;
  }
}

function epoch(value: string, unitMs: number): UtcTimestamp | undefined {
  const trimmed = value.trim();
  if (!EPOCH.test(trimmed)) return undefined;
  const ms = Math.round(Number(trimmed) * unitMs);
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return undefined;
  return { iso: isoUtc(ms), assumed: false };
}

/** Milliseconds of the wall-clock time read as if it were UTC, or undefined for e.g. Feb 30. */
function wallClockMs(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  return daysFromCivil(year, month, day) * DAY_MS + hour * 3_600_000 + minute * MINUTE_MS + second * 1000 + ms;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month]!;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

// Calendar arithmetic by hand: Date.UTC, getUTCDate and toISOString cost microseconds a row,
// which a million-row export notices. Algorithms from Howard Hinnant, "chrono-compatible
// low-level date algorithms" (days_from_civil, civil_from_days).

/** Days since 1970-01-01 of a proleptic Gregorian date. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * Milliseconds since 1970-01-01T00:00:00Z of a timestamp as UtcTimestamp.iso writes it (the
 * inverse of isoUtc), or null; other forms are read by parseTimestamp. The aggregate step compares
 * and buckets every post's time as this number: the ISO strings sorted a time with milliseconds
 * before the same second without them (`…:53.500Z` < `…:53Z`), and bucketing a string by its day
 * took a slice and a look-up per post.
 */
export function utcMilliseconds(iso: string | null): number | null {
  if (iso === null) return null;
  const read = readDateTime(iso, 'UTC');
  if (read !== undefined) return read.ms;
  // Years beyond 9999 or before 0 (`+010000-01-01T00:00:00Z`), which isoUtc writes as toISOString does.
  if (EXTENDED_YEAR.test(iso)) {
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? null : ms;
  }
  const other = parseTimestamp(iso);
  return other === undefined ? null : utcMilliseconds(other.iso);
}

/** `YYYY-MM-DDTHH:MM:SSZ`, with `.mmm` only when the milliseconds are not 0. */
export function isoUtc(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  if (days < MIN_FAST_DAY || days > MAX_FAST_DAY) {
    const iso = new Date(ms).toISOString();
    return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
  }
  let rest = ms - days * DAY_MS;
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / MINUTE_MS);
  rest -= minute * MINUTE_MS;
  const second = Math.floor(rest / 1000);
  const millis = rest - second * 1000;
  // civil_from_days
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const time = `${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}`;
  const fraction = millis === 0 ? '' : `.${String(millis).padStart(3, '0')}`;
  return `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}T${time}${fraction}Z`;
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

function abbreviationOffset(abbreviation: string, hours: string | undefined, minutes: string | undefined): { minutes: number; assumed: boolean } {
  if (hours !== undefined) {
    // `GMT+2`, `UTC-05:30`: the offset is written out, the abbreviation only names the base.
    const base = UNAMBIGUOUS_ZONES.get(abbreviation);
    const sign = hours.startsWith('-') ? -1 : 1;
    const explicit = sign * (Math.abs(Number(hours)) * 60 + Number(minutes ?? '0'));
    return { minutes: explicit, assumed: base !== 0 };
  }
  const known = UNAMBIGUOUS_ZONES.get(abbreviation);
  if (known !== undefined) return { minutes: known, assumed: false };
  // An ambiguous abbreviation gets its documented reading; an unknown one is read as UTC.
  return { minutes: AMBIGUOUS_ZONES.get(abbreviation) ?? 0, assumed: true };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/**
 * Offset of `zone` for a wall-clock time, in ms. The offset is looked up at the instant the wall
 * time would be in UTC, then once more at the corrected instant, which settles it. A wall time in
 * the hour that clocks skip or repeat has no single reading; one of the two is taken, an hour's
 * uncertainty the export itself carries.
 */
function zoneOffsetMs(zone: string, wallMs: number): number {
  if (zone === 'UTC') return 0;
  const first = offsetAtInstant(zone, wallMs);
  const second = offsetAtInstant(zone, wallMs - first);
  return first === second ? first : offsetAtInstant(zone, wallMs - second);
}

/**
 * Offsets by zone and quarter hour: Intl formatting costs microseconds, and a million rows
 * share a few thousand distinct quarter hours. Zones change offset on the quarter hour (all of
 * them since the 1970s; only older local mean times had odd seconds).
 */
const offsetCache = new Map<string, Map<number, number>>();
const QUARTER_HOUR_MS = 15 * MINUTE_MS;
const OFFSET_CACHE_LIMIT = 100_000;

function offsetAtInstant(zone: string, instantMs: number): number {
  const quarter = Math.floor(instantMs / QUARTER_HOUR_MS);
  let zoneCache = offsetCache.get(zone);
  if (zoneCache === undefined) {
    zoneCache = new Map();
    offsetCache.set(zone, zoneCache);
  }
  const cached = zoneCache.get(quarter);
  if (cached !== undefined) return cached;
  const at = quarter * QUARTER_HOUR_MS;
  const parts: Record<string, number> = {};
  for (const part of zoneFormatter(zone).formatToParts(at)) parts[part.type] = Number(part.value);
  const wall = daysFromCivil(parts.year!, parts.month!, parts.day!) * DAY_MS + parts.hour! * 3_600_000 + parts.minute! * MINUTE_MS + parts.second! * 1000;
  const offset = wall - at;
  if (zoneCache.size >= OFFSET_CACHE_LIMIT) zoneCache.clear();
  zoneCache.set(quarter, offset);
  return offset;
}
