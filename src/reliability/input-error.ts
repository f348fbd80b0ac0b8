/**
 * Input the validation commands cannot use: a missing run, a sheet with a wrong column, an
 * unknown post, a value that is not a code. Each problem is one line saying what is wrong, where,
 * and what to do. All problems are collected before anything is written, so the researcher can fix
 * them in one go and nothing is half-imported.
 */
export class ValidationInputError extends Error {
  constructor(
    readonly problems: readonly string[],
    /** A closing line for the whole list, e.g. that nothing was imported. */
    readonly conclusion?: string,
  ) {
    super([...problems, ...(conclusion ? [conclusion] : [])].join('\n'));
    this.name = 'ValidationInputError';
  }
}
