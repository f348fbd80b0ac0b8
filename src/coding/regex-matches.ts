/** A match of a codebook regular expression: UTF-16 offsets into the post text. */
export interface RegexMatch {
  readonly start: number;
  readonly end: number;
}

/**
 * All matches of a precompiled global regular expression. Uses exec and lastIndex rather than
 * matchAll, which clones the expression on every call.
 */
export function regexMatches(regex: RegExp, text: string): RegexMatch[] {
  const matches: RegexMatch[] = [];
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
    matches.push({ start: match.index, end: match.index + match[0].length });
    // An empty match would be found again at the same place.
    if (match[0] === '') regex.lastIndex++;
  }
  return matches;
}
