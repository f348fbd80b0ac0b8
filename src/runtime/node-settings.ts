/**
 * What a Node process that codes is started with, as bin/ctacode.js starts itself (its first line
 * and its setFlagsFromString; docs/operations.md says why): for the processes ctacode starts on
 * its own (the service's worker children) and for the bench's, so that they code as a run does.
 * V8 garbage collection without helper threads, which only compete with coding for the cores, no
 * full collection before a heap's old generation holds 96 MB, and heaps that grow by half at most
 * between full collections.
 */
export const codingNodeFlags: readonly string[] = ['--single-threaded-gc', '--initial-old-space-size=96', '--heap-growing-percent=50'];

/** glibc's malloc with two arenas instead of one per thread that allocated; a value already set wins. */
export function codingNodeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { MALLOC_ARENA_MAX: '2', ...env };
}
