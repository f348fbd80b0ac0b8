import { tokenize, type Token } from '../coding/tokens.js';

/** Longest phrase counted: most cues are one to three words ("sign the petition", "link in bio"). */
export const longestPhrase = 3;

/**
 * The words and phrases (1 to 3 tokens) of a text, each occurrence once, lower-cased as the
 * codebook compares them. A phrase never spans a sentence or clause break, a number or a symbol.
 * Links count by their host, because codebooks cue domains; mentions count as "@mention", because
 * "tag @mention" generalises where "tag @mayorsmith" does not.
 */
export function termsOf(text: string): string[][] {
  const byLength: string[][] = Array.from({ length: longestPhrase }, () => []);
  let run: string[] = [];
  const flush = () => {
    for (let length = 1; length <= longestPhrase; length++) {
      for (let i = 0; i + length <= run.length; i++) byLength[length - 1]!.push(run.slice(i, i + length).join(' '));
    }
    run = [];
  };
  for (const token of tokenize(text)) {
    const word = termWord(token);
    if (word === null) flush();
    else run.push(word);
  }
  flush();
  return byLength;
}

function termWord(token: Token): string | null {
  switch (token.kind) {
    case 'word':
    case 'hashtag':
    case 'emoji':
      return token.norm;
    case 'mention':
      return '@mention';
    case 'url':
      return hostOf(token.norm);
    default:
      return null;
  }
}

function hostOf(url: string): string {
  const withScheme = /^https?:\/\//.test(url) ? url : `https://${url}`;
  try {
    return new URL(withScheme).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}
