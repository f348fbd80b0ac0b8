/**
 * Which text encoding an export file is in, judged from a sample of its first bytes, and a
 * streaming decoder for it. Exports are UTF-8 (CrowdTangle and Excel's "CSV UTF-8" add a BOM);
 * Excel's "Unicode Text" writes UTF-16 with a BOM, and its plain "CSV" writes Windows-1252.
 */
import { StringDecoder } from 'node:string_decoder';
import iconv from 'iconv-lite';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface TextDecoding {
  /** Text of the next bytes; a character split between chunks comes out whole with the later chunk. */
  write(bytes: Buffer): string;
  /** Whatever is left at the end of the input. */
  end(): string;
}

/** A file that is not text, recognised by its first bytes, and what the researcher should do instead. */
const NOT_TEXT: readonly { magic: readonly number[]; problem: string }[] = [
  { magic: [0x50, 0x4b, 0x03, 0x04], problem: 'is a ZIP archive or an Excel workbook (.xlsx), not a CSV file: open it in Excel or LibreOffice and save it as "CSV UTF-8", or unzip it first' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0], problem: 'is an old Excel workbook (.xls), not a CSV file: open it in Excel or LibreOffice and save it as "CSV UTF-8"' },
  { magic: [0x1f, 0x8b], problem: 'is gzip-compressed: unpack it first (gunzip, or double-click it) and use the file inside' },
  { magic: [0x25, 0x50, 0x44, 0x46], problem: 'is a PDF document, not an export of posts: export the posts as CSV' },
];

/**
 * The encoding of a file from its first bytes, or the reason it is not a text file.
 * A sample that is not valid UTF-8 is taken as Windows-1252, which is what Excel writes when it
 * saves "CSV" without "UTF-8"; a sample cut in the middle of a character is still valid UTF-8.
 */
export function detectEncoding(sample: Buffer): { encoding: TextEncodingName } | { problem: string } {
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8-bom' };
  if (startsWith(sample, [0xff, 0xfe])) return { encoding: 'utf-16le' };
  if (startsWith(sample, [0xfe, 0xff])) return { encoding: 'utf-16be' };
  const known = NOT_TEXT.find(({ magic }) => startsWith(sample, magic));
  if (known !== undefined) return { problem: known.problem };
  if (sample.includes(0)) {
    return { problem: 'is not a text file (it contains NUL bytes): export the posts as CSV (UTF-8); if it is UTF-16 text without a byte order mark, save it again as "CSV UTF-8"' };
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return { encoding: 'utf-8' };
  } catch {
    return { encoding: 'windows-1252' };
  }
}

/** A decoder for `encoding` that drops the byte order mark. */
export function createDecoder(encoding: TextEncodingName): TextDecoding {
  const decoder = encoding === 'utf-8' || encoding === 'utf-8-bom' ? new StringDecoder('utf8') : iconv.getDecoder(encoding);
  let started = false;
  const withoutBom = (text: string): string => {
    if (started || text === '') return text;
    started = true;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  };
  return {
    write: (bytes) => withoutBom(decoder.write(bytes)),
    end: () => withoutBom(decoder.end() ?? ''),
  };
}

function startsWith(bytes: Buffer, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}
