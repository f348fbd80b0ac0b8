import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonScanner, parseJsonLossless, quoteLongIntegers, type ScanEvent } from '../../../src/formats/json-scanner.js';
import { pathString } from '../../../src/formats/json-format.js';

function scan(text: string, patterns: readonly string[], chunkSizes: readonly number[] = [text.length || 1]): ScanEvent[] {
  const scanner = new JsonScanner({ isItem: (path) => patterns.includes(pathString(path)) });
  const events: ScanEvent[] = [];
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = Math.max(1, chunkSizes[i % chunkSizes.length]!);
    events.push(...scanner.write(text.slice(at, at + size)));
    at += size;
  }
  events.push(...scanner.end());
  return events;
}

describe('parseJsonLossless', () => {
  it('keeps integers of 16 digits or more exactly, as strings, and leaves the rest to JSON.parse', () => {
    const parsed = parseJsonLossless('{"id":7678907398077074696,"neg":-9007199254740993,"s":"7678907398077074696 in a string \\" 1234567890123456789","n":1746230400,"f":1.5e300,"x":12345678901234567.5,"a":[1234567890123456789]}');
    expect(parsed).toEqual({ id: '7678907398077074696', neg: '-9007199254740993', s: '7678907398077074696 in a string " 1234567890123456789', n: 1746230400, f: 1.5e300, x: Number("12345678901234567.5"), a: ['1234567890123456789'] });
  });

  it('keeps any 19-digit id exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 10n ** 18n, max: 10n ** 19n - 1n }), (id) => {
        expect(parseJsonLossless(`{"id": ${id}, "list": [${id}]}`)).toEqual({ id: String(id), list: [String(id)] });
      }),
    );
  });

  it('changes nothing in text without long integers', () => {
    const text = '{"a": "12345", "b": 3.25}';
    expect(quoteLongIntegers(text)).toBe(text);
  });
});

describe('JsonScanner', () => {
  const document = '{\n "name": "Chat",\n "id": 42,\n "messages": [\n  {\n   "id": 1,\n   "text": "a [ { \\" } ]"\n  },\n  {"id": 2, "text": "line\\nbreak"}\n ]\n}\n';

  it('hands over the items at the selected paths, with the line each starts on and the scalars around it', () => {
    const events = scan(document, ['messages[]']);
    expect(events).toEqual([
      { kind: 'item', line: 5, raw: '{\n   "id": 1,\n   "text": "a [ { \\" } ]"\n  }', path: ['messages', 0], context: { name: 'Chat', id: '42' } },
      { kind: 'item', line: 9, raw: '{"id": 2, "text": "line\\nbreak"}', path: ['messages', 1], context: { name: 'Chat', id: '42' } },
    ]);
  });

  it('gives the same events whatever the chunking', () => {
    const whole = scan(document, ['messages[]']);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }), (sizes) => {
        expect(scan(document, ['messages[]'], sizes)).toEqual(whole);
      }),
    );
  });

  it('reports a file cut inside an item, and one cut between items', () => {
    expect(scan(document.slice(0, 60), ['messages[]']).at(-1)).toMatchObject({ kind: 'error', line: 5, message: 'the file ends inside this item: it was cut off' });
    const cutBetween = scan(document.slice(0, document.indexOf('{"id": 2')), ['messages[]']);
    expect(cutBetween.map((event) => event.kind)).toEqual(['item', 'error']);
    expect(cutBetween[1]).toMatchObject({ message: expect.stringMatching(/ends before the JSON document is complete/) });
  });

  it('reports a syntax error outside items once, with its line, and reads nothing after it', () => {
    const events = scan('[\n{"a": 1},\n{"a": 2} oops\n{"a": 3}\n]', ['[]']);
    expect(events.map((event) => [event.kind, event.line])).toEqual([['item', 2], ['item', 3], ['error', 3]]);
    expect(events[2]).toMatchObject({ message: expect.stringMatching(/^JSON syntax error: expected a comma or \], found "oops/) });
  });

  it('skips an item longer than the limit, and reads on after it', () => {
    const scanner = new JsonScanner({ isItem: (path) => pathString(path) === '[]', maxItemChars: 20 });
    const events = [...scanner.write('[{"text": "'), ...scanner.write('x'.repeat(50)), ...scanner.write('"}, {"a": 1}]'), ...scanner.end()];
    expect(events.map((event) => event.kind)).toEqual(['error', 'item']);
    expect(events[0]).toMatchObject({ message: 'the item is longer than 20 characters, which no post is: skipped' });
  });
});
