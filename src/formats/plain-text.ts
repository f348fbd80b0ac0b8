/**
 * A cell that is already plain text (CrowdTangle's Message, most CSV text columns) → the post's
 * `text`. Carriage returns go: Excel-made files mix `\r\n` into `\n` files, and a stray `\r`
 * shows as a line break in some tools and not in others, which would make offsets disagree.
 * Newlines stay (paragraphs matter for reading a post); surrounding whitespace goes, so a cell
 * of only spaces is an empty text.
 */
export function plainText(cell: string): string {
  return (cell.includes('\r') ? cell.replaceAll('\r', '') : cell).trim();
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', '#39': "'" };

/**
 * HTML as Mastodon (`content`) and YouTube (`textDisplay`) write it → plain text: `<br>` and the
 * end of a paragraph become line breaks, other tags go, entities (`&amp;`, `&#39;`, `&#x1F44D;`)
 * are decoded.
 */
export function htmlToPlainText(html: string): string {
  const text = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (entity, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
      }
      return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
    });
  return plainText(text);
}

/** The `href` of every `<a>` in `html` whose class is not `mention` or `hashtag` (links the author wrote). */
export function htmlLinks(html: string): string[] {
  const links: string[] = [];
  for (const match of html.matchAll(/<a\s[^>]*>/gi)) {
    const tag = match[0];
    if (/class="[^"]*\b(?:mention|hashtag)\b/i.test(tag)) continue;
    const href = /href="([^"]*)"/i.exec(tag)?.[1];
    if (href !== undefined && href !== '') links.push(href.replaceAll('&amp;', '&'));
  }
  return links;
}
