import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { csvRow } from '../../../src/aggregate/table-column.js';
import { codedPostOutputColumns } from '../../../src/aggregate/output-columns.js';
import { loadCodebook } from '../../../src/codebook/load-codebook.js';
import { codePost } from '../../../src/coding/code-post.js';
import { textPost } from '../../../src/coding/text-post.js';
import { withOneByteStrings } from '../../../src/runtime/one-byte-strings.js';

/** Whether V8 stores the string one byte per character: its serialiser tags such strings with '"'. */
const isOneByte = (s: string) => serialize(s)[2] === 0x22;

describe('withOneByteStrings', () => {
  // A slice of a text that holds a character beyond Latin-1 is two-byte, whatever its own characters.
  const sliced = (s: string) => `€${s}`.slice(1);

  it('stores Latin-1 strings one byte per character and keeps every value as it was', () => {
    const value = { id: sliced('vote'), [sliced('key')]: [sliced('Café'), sliced('—dash'), sliced('x\ud800y'), 0.7, true, null, { deep: [sliced('sign')] }] };
    expect(isOneByte(value.id)).toBe(false);
    const copy = withOneByteStrings(value);
    expect(copy).toEqual(value);
    expect(isOneByte(copy.id)).toBe(true);
    const list = copy.key as unknown[];
    expect(isOneByte(list[0] as string)).toBe(true);
    // Beyond Latin-1, and a lone surrogate, the string stays two-byte and unchanged.
    expect(list[1]).toBe('—dash');
    expect(list[2]).toBe('x\ud800y');
    expect(isOneByte(((list[6] as { deep: string[] }).deep)[0]!)).toBe(true);
  });

  it('leaves the rows of coded_posts.csv one-byte for a Latin-1 post, though cta-v1 holds characters beyond Latin-1', async () => {
    const { compiled, text } = await loadCodebook();
    expect([...text].some((c) => c.codePointAt(0)! > 0xff)).toBe(true);
    expect(compiled.categories.every((c) => isOneByte(c.id))).toBe(true);
    const coded = codePost(textPost('Sign the petition today and vote on Sunday!', { file: 'posts.csv', format: 'generic-csv', row: 2 }, { platform: 'facebook', lang: 'en' }), compiled);
    expect(coded.coding.categories.length).toBeGreaterThan(0);
    const columns = codedPostOutputColumns(compiled, { noText: false, pseudonymKeyFile: null });
    expect(isOneByte(csvRow(columns, { coded, codebook: compiled }))).toBe(true);
  });
});
