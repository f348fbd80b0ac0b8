/** The compiled entry of the command line (see current-build.js). */
export const compiledCli: URL;
/** True where .cache/js holds a build of the sources as they are now. */
export function buildIsCurrent(): boolean;
