/**
 * One thing wrong with a codebook: where (a JSON pointer into the document such as
 * /categories/3/function, or "line 12, column 5" for YAML syntax) and what.
 */
export interface CodebookProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * A codebook that cannot be used. The message has one line per problem, each naming the file,
 * the place in the document and what is wrong, so that a researcher can fix them all at once.
 */
export class CodebookError extends Error {
  constructor(
    /** The file as the user named it, or undefined for a codebook given as a document. */
    readonly file: string | undefined,
    readonly problems: readonly CodebookProblem[],
  ) {
    super(problems.map((problem) => formatProblem(file, problem)).join('\n'));
    this.name = 'CodebookError';
  }

  /** The same problems, attributed to the file the document came from. */
  inFile(file: string): CodebookError {
    return new CodebookError(file, this.problems);
  }
}

function formatProblem(file: string | undefined, { path, message }: CodebookProblem): string {
  const place = [file, path].filter((part) => part !== undefined && part !== '').join(': ');
  return place === '' ? message : `${place}: ${message}`;
}
