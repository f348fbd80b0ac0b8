import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of ctacode's package.json, where codebooks/, schemas/ and .cache/ are: found by
 * walking up from this module, which is src/runtime/ when the TypeScript runs through tsx and
 * .cache/js/src/runtime/ when bin/ctacode.js runs the compiled JavaScript (see runs-compiled.ts).
 */
export const projectRoot: string = findRoot(dirname(fileURLToPath(import.meta.url)));

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json in ${from} or any folder above it, where ctacode looks for its codebooks and schemas: install ctacode again (npm ci in its folder)`);
  }
}

/** A path inside the project folder. */
export const inProject = (...parts: string[]): string => join(projectRoot, ...parts);
