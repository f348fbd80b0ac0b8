import { describe, expect, it } from 'vitest';
import { nodeScript, sourceModule } from '../../support/node-script.js';

/**
 * A coding worker reads a batch as one string (a segment of about 0.4 MB) and its posts' fields
 * are slices of it, which V8 keeps as pointers into the whole. The caches that outlive a batch
 * (tokens, words, links, stems, sentiment) must not keep a slice as a key or value, or every
 * segment that brought a new word or link stays in memory until its cache is reset: in a real
 * export, where most links and many words are seen once, that is every segment of the file.
 * Measured in a process of its own, after full collections (--expose-gc), in V8's large object
 * space, where strings above 128 kB live.
 */
function largeObjectGrowth(segments: number): number {
  const script = `
    import v8 from 'node:v8';
    const { loadCodebook } = await import(${JSON.stringify(sourceModule('codebook/load-codebook.ts'))});
    const { codePost } = await import(${JSON.stringify(sourceModule('coding/code-post.ts'))});
    const { textPost } = await import(${JSON.stringify(sourceModule('coding/text-post.ts'))});
    const { compiled } = await loadCodebook();
    const largeObjects = () => { gc(); gc(); return v8.getHeapSpaceStatistics().find((s) => s.space_name === 'large_object_space').space_used_size; };
    const codeSegment = (n) => {
      const texts = [];
      for (let i = 0; i < 300; i++) {
        texts.push('Sign the petition at https://example.org/petition-' + n + '-' + i + ' because internationalisation' + n + 'x' + i + ' matters, and donate at www.example.com/give' + n + 'y' + i);
      }
      // One string per segment, as the CSV reader decodes it, padded to 1 MB: kept, each would show.
      const segment = texts.join('\\n') + '\\n' + 'x'.repeat(1000000);
      let at = 0;
      for (const text of texts) {
        const slice = segment.slice(at, at + text.length);
        const link = slice.slice(slice.indexOf('https://'), slice.indexOf(' because'));
        codePost(textPost(slice, { file: 'test.csv', format: 'generic-csv', row: 2 }, { platform: 'facebook', post_id: String(n * 1000 + at), lang: 'en', links: [link] }), compiled);
        at += text.length + 1;
      }
    };
    for (let n = 0; n < 3; n++) codeSegment(n);
    const before = largeObjects();
    for (let n = 3; n < 3 + ${segments}; n++) codeSegment(n);
    console.log(largeObjects() - before);`;
  return Number(nodeScript(['--expose-gc'], script).trim());
}

describe('the caches of coding', () => {
  it('keep no segment of a batch alive once its posts are coded', () => {
    // Kept by their slices, 30 segments of 1 MB would add 30 MB; the caches' own tables, which
    // grow with the 18,000 new words and links, take about 4 MB of that space.
    expect(largeObjectGrowth(30)).toBeLessThan(10_000_000);
  }, 60_000);
});
