import { describe, expect, it } from 'vitest';
import { isKnownTimeZone, parseDateTime, parseEpochMilliseconds, parseEpochSeconds, parseTimestamp, parseTwitterDate, utcMilliseconds } from '../../../src/formats/timestamps.js';

describe('parseDateTime', () => {
  it('reads the Z and UTC tails, with or without milliseconds, as the general path reads GMT and +00:00', () => {
    let seed = 11;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const two = (n: number) => String(n).padStart(2, '0');
    for (let i = 0; i < 2000; i++) {
      // Days up to 31 in every month, hours up to 24 and minutes up to 60: impossible times included.
      const date = `${1900 + random(200)}-${two(1 + random(12))}-${two(1 + random(31))}`;
      // With a fraction of a second of one to four digits, or one that is not all digits.
      const fraction = ['.5', '.123', '.000', '.1234', '.1x3'][random(5)];
      const time = [` ${two(random(25))}:${two(random(61))}`, `T${two(random(25))}:${two(random(61))}:${two(random(61))}`, '', `T${two(random(25))}:${two(random(61))}:${two(random(61))}${fraction}`][random(4)];
      const stamp = `${date}${time}`;
      const reference = parseDateTime(`${stamp} GMT`);
      expect(parseDateTime(`${stamp} UTC`), stamp).toEqual(reference);
      expect(parseDateTime(`${stamp}Z`), stamp).toEqual(time === '' ? parseDateTime(`${stamp}+00:00`) : reference);
    }
  });

  it('converts CrowdTangle timestamps with a US zone abbreviation to UTC', () => {
    expect(parseDateTime('2021-07-06 16:45:20 EDT')).toEqual({ iso: '2021-07-06T20:45:20Z', assumed: false });
    expect(parseDateTime('2021-01-06 16:45:20 EST')).toEqual({ iso: '2021-01-06T21:45:20Z', assumed: false });
    expect(parseDateTime('2021-01-06 16:45:20 PST')?.iso).toBe('2021-01-07T00:45:20Z');
    expect(parseDateTime('2021-07-06 08:00:00 AKDT')?.iso).toBe('2021-07-06T16:00:00Z');
    expect(parseDateTime('2021-07-06 08:00:00 HST')?.iso).toBe('2021-07-06T18:00:00Z');
  });

  it('knows European, Asian and Australian abbreviations', () => {
    expect(parseDateTime('2022-05-14 10:22:03 CEST')?.iso).toBe('2022-05-14T08:22:03Z');
    expect(parseDateTime('2022-01-14 10:22:03 CET')?.iso).toBe('2022-01-14T09:22:03Z');
    expect(parseDateTime('2022-01-14 10:22:03 EET')?.iso).toBe('2022-01-14T08:22:03Z');
    expect(parseDateTime('2022-07-14 10:22:03 WEST')?.iso).toBe('2022-07-14T09:22:03Z');
    expect(parseDateTime('2022-01-14 10:22:03 JST')?.iso).toBe('2022-01-14T01:22:03Z');
    expect(parseDateTime('2022-01-14 10:22:03 AEDT')?.iso).toBe('2022-01-13T23:22:03Z');
    expect(parseDateTime('2022-01-14 10:22:03 UTC')).toEqual({ iso: '2022-01-14T10:22:03Z', assumed: false });
    expect(parseDateTime('2022-01-14 10:22:03 GMT')).toEqual({ iso: '2022-01-14T10:22:03Z', assumed: false });
  });

  it('reads ambiguous abbreviations the documented way and marks them assumed', () => {
    expect(parseDateTime('2020-03-10 17:45:00 CST')).toEqual({ iso: '2020-03-10T23:45:00Z', assumed: true });
    expect(parseDateTime('2022-05-12 14:05:00 IST')).toEqual({ iso: '2022-05-12T08:35:00Z', assumed: true });
    expect(parseDateTime('2022-07-01 12:00:00 BST')).toEqual({ iso: '2022-07-01T11:00:00Z', assumed: true });
  });

  it('reads an unknown abbreviation as UTC, marked assumed', () => {
    expect(parseDateTime('2022-07-01 12:00:00 XYZT')).toEqual({ iso: '2022-07-01T12:00:00Z', assumed: true });
  });

  it('reads abbreviations with a written-out offset', () => {
    expect(parseDateTime('2022-07-01 12:00:00 GMT+2')).toEqual({ iso: '2022-07-01T10:00:00Z', assumed: false });
    expect(parseDateTime('2022-07-01 12:00:00 UTC-05:30')).toEqual({ iso: '2022-07-01T17:30:00Z', assumed: false });
  });

  it('reads ISO 8601 with offsets exactly', () => {
    expect(parseDateTime('2024-04-16T12:30:00+02:00')).toEqual({ iso: '2024-04-16T10:30:00Z', assumed: false });
    expect(parseDateTime('2024-04-16T12:30:00-0330')?.iso).toBe('2024-04-16T16:00:00Z');
    expect(parseDateTime('2024-04-16T12:30:00+02')?.iso).toBe('2024-04-16T10:30:00Z');
    expect(parseDateTime('2024-04-16T12:30:00Z')).toEqual({ iso: '2024-04-16T12:30:00Z', assumed: false });
    expect(parseDateTime('2024-04-16 12:30:00 +0000')?.iso).toBe('2024-04-16T12:30:00Z');
    expect(parseDateTime('2024-04-16T12:30Z')?.iso).toBe('2024-04-16T12:30:00Z');
  });

  it('keeps milliseconds only where there are some', () => {
    expect(parseDateTime('2024-04-16T12:30:00.123456Z')?.iso).toBe('2024-04-16T12:30:00.123Z');
    expect(parseDateTime('2024-04-16T12:30:00.5Z')?.iso).toBe('2024-04-16T12:30:00.500Z');
    expect(parseDateTime('2024-04-16T12:30:00.000Z')?.iso).toBe('2024-04-16T12:30:00Z');
  });

  it('reads values without offset in the given zone, default UTC, marked assumed', () => {
    expect(parseDateTime('2023-01-05 18:30:00')).toEqual({ iso: '2023-01-05T18:30:00Z', assumed: true });
    expect(parseDateTime('2023-01-05 18:30:00', 'Europe/Berlin')).toEqual({ iso: '2023-01-05T17:30:00Z', assumed: true });
    expect(parseDateTime('2023-07-05T09:00:00', 'Europe/Berlin')?.iso).toBe('2023-07-05T07:00:00Z');
    expect(parseDateTime('2023-07-05T09:00:00', 'America/New_York')?.iso).toBe('2023-07-05T13:00:00Z');
    expect(parseDateTime('2023-07-05', 'Asia/Kolkata')?.iso).toBe('2023-07-04T18:30:00Z');
  });

  it('settles the offset on both sides of a daylight saving change', () => {
    // Berlin moved from +01:00 to +02:00 at 2023-03-26 01:00 UTC.
    expect(parseDateTime('2023-03-26 01:59:59', 'Europe/Berlin')?.iso).toBe('2023-03-26T00:59:59Z');
    expect(parseDateTime('2023-03-26 03:00:00', 'Europe/Berlin')?.iso).toBe('2023-03-26T01:00:00Z');
    expect(parseDateTime('2023-10-29 04:00:00', 'Europe/Berlin')?.iso).toBe('2023-10-29T03:00:00Z');
  });

  it('does not read impossible or foreign dates', () => {
    for (const value of ['2023-02-30 10:00:00', '2023-13-01', '2023-01-01 24:00:00', '2023-01-01 10:60:00', '05/01/2023', 'yesterday', '2023-1-5', '2023-01-05T', '2023-01-05 10:00:00 EDT extra', '']) {
      expect(parseDateTime(value), value).toBeUndefined();
    }
    expect(parseDateTime('2024-02-29')?.iso).toBe('2024-02-29T00:00:00Z');
    expect(parseDateTime('2023-02-29')).toBeUndefined();
  });

  it('agrees with Date for years outside 1000–9999', () => {
    expect(parseDateTime('0999-12-31T23:59:59Z')?.iso).toBe(new Date(Date.UTC(999, 11, 31, 23, 59, 59)).toISOString().replace('.000Z', 'Z'));
  });
});

describe('epoch timestamps', () => {
  it('reads seconds and milliseconds', () => {
    expect(parseEpochSeconds('1713400000')).toEqual({ iso: '2024-04-18T00:26:40Z', assumed: false });
    expect(parseEpochSeconds('1672927331.5')?.iso).toBe('2023-01-05T14:02:11.500Z');
    expect(parseEpochMilliseconds('1713400000123')).toEqual({ iso: '2024-04-18T00:26:40.123Z', assumed: false });
    expect(parseEpochSeconds('soon')).toBeUndefined();
    expect(parseEpochSeconds('-5')).toBeUndefined();
  });
});

describe('parseTimestamp', () => {
  it('tells epoch seconds from milliseconds by their number of digits', () => {
    expect(parseTimestamp('1713400000')?.iso).toBe('2024-04-18T00:26:40Z');
    expect(parseTimestamp('1713400000123')?.iso).toBe('2024-04-18T00:26:40.123Z');
    expect(parseTimestamp(' 1713400000 ')?.iso).toBe('2024-04-18T00:26:40Z');
  });

  it('does not take a year or a compact date for an epoch', () => {
    expect(parseTimestamp('2023')).toBeUndefined();
    expect(parseTimestamp('20230105')).toBeUndefined();
  });

  it('reads the date-time forms of parseDateTime, in the given zone', () => {
    expect(parseTimestamp('2024-04-17 06:45:10', 'Europe/Berlin')).toEqual({ iso: '2024-04-17T04:45:10Z', assumed: true });
    expect(parseTimestamp('2021-07-06 16:45:20 EDT')?.iso).toBe('2021-07-06T20:45:20Z');
  });
});

describe('isKnownTimeZone', () => {
  it('accepts IANA names and refuses others', () => {
    expect(isKnownTimeZone('Europe/Berlin')).toBe(true);
    expect(isKnownTimeZone('UTC')).toBe(true);
    expect(isKnownTimeZone('Europe/Berln')).toBe(false);
  });
});

describe('parseTwitterDate', () => {
  it('reads the Twitter API v1.1 form, with its offset', () => {
    expect(parseTwitterDate('Wed Oct 10 20:19:24 +0000 2018')).toEqual({ iso: '2018-10-10T20:19:24Z', assumed: false });
    expect(parseTwitterDate('Wed Oct 10 22:19:24 +0200 2018')?.iso).toBe('2018-10-10T20:19:24Z');
    expect(parseTwitterDate('Thu Feb 29 00:00:01 -0500 2024')?.iso).toBe('2024-02-29T05:00:01Z');
    expect(parseTwitterDate('Oct 10 20:19:24 +0000 2018')?.iso).toBe('2018-10-10T20:19:24Z');
  });

  it('refuses impossible dates and other forms', () => {
    expect(parseTwitterDate('Wed Feb 30 20:19:24 +0000 2018')).toBeUndefined();
    expect(parseTwitterDate('Wed Oct 10 25:19:24 +0000 2018')).toBeUndefined();
    expect(parseTwitterDate('Wed Foo 10 20:19:24 +0000 2018')).toBeUndefined();
    expect(parseTwitterDate('2018-10-10T20:19:24Z')).toBeUndefined();
  });

  it('is one of the forms parseTimestamp reads', () => {
    expect(parseTimestamp('Wed Oct 10 20:19:24 +0000 2018')?.iso).toBe('2018-10-10T20:19:24Z');
  });
});

describe('utcMilliseconds', () => {
  it('is the inverse of the ISO form every parser writes, over random times with and without milliseconds', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    // Years 1000 to 9999 (the form isoUtc builds itself), then beyond, which it writes as toISOString does.
    const spans = [[Date.UTC(1000, 0, 1), Date.UTC(9999, 11, 31, 23, 59, 59, 999)], [Date.UTC(10_000, 0, 1), 8.64e15]] as const;
    for (const [from, to] of spans) {
      for (let i = 0; i < 2000; i++) {
        const ms = Math.floor(from + random() * (to - from));
        for (const time of [ms, ms - (ms % 1000)]) {
          const iso = parseEpochMilliseconds(String(time))?.iso ?? new Date(time).toISOString().replace('.000Z', 'Z');
          expect(utcMilliseconds(iso), iso).toBe(time);
        }
      }
    }
  });

  it('orders a time with milliseconds after the same second without them, as the ISO strings did not', () => {
    expect('2024-03-01T12:00:53.500Z' < '2024-03-01T12:00:53Z').toBe(true);
    expect(utcMilliseconds('2024-03-01T12:00:53.500Z')! - utcMilliseconds('2024-03-01T12:00:53Z')!).toBe(500);
  });

  it('reads other forms as parseTimestamp does, and gives null for none and for impossible times', () => {
    expect(utcMilliseconds(null)).toBeNull();
    expect(utcMilliseconds('2024-03-01 12:00:00 UTC')).toBe(Date.UTC(2024, 2, 1, 12));
    expect(utcMilliseconds('2024-03-01T14:00:00+02:00')).toBe(Date.UTC(2024, 2, 1, 12));
    for (const impossible of ['2023-02-30T00:00:00Z', '2023-01-01T24:00:00Z', '2023-01-01T12:60:00Z', '2023-01-01T12:00:00.5xZ', '2023-01-01T1x:00:00Z', 'not a time', '']) {
      expect(utcMilliseconds(impossible), impossible).toBeNull();
    }
  });
});
