import { execFileSync } from 'node:child_process';

/** The file URL of a module of src/ (e.g. 'coding/code-post.ts'), for a script to import. */
export const sourceModule = (path: string): string => new URL(`../../src/${path}`, import.meta.url).href;

/**
 * Runs `script` (an ES module that may import the TypeScript sources through tsx) in a Node
 * process of its own, started with `flags` (V8 flags that only a new process can take, such as
 * --expose-gc), and returns what it printed.
 */
export function nodeScript(flags: readonly string[], script: string): string {
  return execFileSync(process.execPath, [...flags, '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
}
