// Which code bin/ctacode.js runs (plain JavaScript: it decides before any loader for TypeScript is
// registered). `npm run build` compiles src/ into .cache/js; that build is used only while it is
// newer than every source file, so that an edit, a checkout or a new file runs at once.
import { readdirSync, statSync } from 'node:fs';

const sources = new URL('../src/', import.meta.url);

/** The compiled entry of the command line. */
export const compiledCli = new URL('../.cache/js/src/cli.js', import.meta.url);

/** When the compiled code was built, or null where there is none. */
function builtAt() {
  try {
    return statSync(compiledCli).mtimeMs;
  } catch {
    return null;
  }
}

/** The last time any source file changed. */
function sourcesChangedAt() {
  let newest = 0;
  for (const name of readdirSync(sources, { recursive: true })) {
    if (name.endsWith('.ts') || name.endsWith('.mjs')) newest = Math.max(newest, statSync(new URL(name, sources)).mtimeMs);
  }
  return newest;
}

/** True where .cache/js holds a build of the sources as they are now (about 3 ms to tell). */
export function buildIsCurrent() {
  const built = builtAt();
  return built !== null && sourcesChangedAt() <= built;
}
