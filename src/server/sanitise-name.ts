import { extname } from 'node:path';

/**
 * A safe file name from one a browser sent: the last path component, without control characters,
 * with anything but letters, digits, space and `._-()+,@` replaced by `_`, no leading dots or
 * dashes, and at most 120 characters with the extension kept. Never empty.
 */
export function sanitiseFileName(sent: string): string {
  const last = sent.split(/[/\\]/).pop() ?? '';
  let name = last
    .normalize('NFC')
    .replace(/\p{Cc}/gu, '')
    .replace(/[^\p{L}\p{N} ._\-()+,@]/gu, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\- ]+/, '');
  if (name.length > 120) {
    const ext = extname(name).slice(0, 16);
    name = name.slice(0, 120 - ext.length) + ext;
  }
  return name === '' || name === '_' ? 'upload' : name;
}
