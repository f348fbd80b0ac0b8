/**
 * One CSV record (RFC 4180, `,` between fields, `\n` at the end): a field is quoted when it holds
 * a comma, a quote, a line feed or a carriage return, and its quotes are doubled. This is what
 * csv-stringify writes, except that csv-stringify leaves a bare carriage return unquoted (a unit
 * test holds the two together). Coding workers render coded rows one record at a time, so that
 * the aggregate step can copy the rows it keeps without parsing them again.
 */
export function csvRecord(fields: readonly string[]): string {
  let record = '';
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) record += ',';
    record += csvField(fields[i]!);
  }
  return `${record}\n`;
}

const needsQuotes = /[",\n\r]/;

/** One field as CSV: quoted, with its quotes doubled, where it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  if (!needsQuotes.test(value)) return value;
  return `"${value.replaceAll('"', '""')}"`;
}
