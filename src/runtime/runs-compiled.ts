/**
 * Whether this process runs the JavaScript that `npm run build` compiles into .cache/js (what
 * bin/ctacode.js starts when it is newer than every source file) or the TypeScript sources through
 * tsx (tests, and a clone whose build is missing or older than its sources). Threads and child
 * processes are started the same way as this one: from the compiled file, or from the source
 * through tsx's loader, which they do not inherit.
 */
export const runsCompiled: boolean = import.meta.url.endsWith('.js');

/**
 * The entry of a worker thread, beside the module at `moduleUrl`: `name`.js where compiled, else
 * `name`.mjs, a plain-JavaScript entry that registers tsx and loads `name`.ts.
 */
export function threadEntry(name: string, moduleUrl: string): URL {
  return new URL(`./${name}.${runsCompiled ? 'js' : 'mjs'}`, moduleUrl);
}
