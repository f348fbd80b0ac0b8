import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCodebookCommands } from '../../../src/cli/codebook-commands.js';
import { loadCodebook } from '../../../src/codebook/load-codebook.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/codebook/${name}`, import.meta.url));
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ctacode-codebook-commands-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Runs `ctacode codebook …` in this process; what it printed and the exit code it set. */
async function run(...args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const program = new Command().name('ctacode').exitOverride();
  registerCodebookCommands(program);
  let stdout = '';
  let stderr = '';
  const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  process.exitCode = 0;
  try {
    await program.parseAsync(['codebook', ...args], { from: 'user' });
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { stdout, stderr, exitCode };
}

describe('ctacode codebook', () => {
  it('validate: says the codebook is valid and what it holds', async () => {
    const { stdout, exitCode } = await run('validate', fileURLToPath(new URL('../../../codebooks/cta-v1.yaml', import.meta.url)));
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/cta-v1\.yaml: valid: cta-v1 2\.0\.0, 6 languages \(en, de, da, es, fr, nl\), 5 functions, 14 categories, \d+ examples coded as expected\n$/);
  });

  it('validate: one line per problem, naming file and place, and exit code 1', async () => {
    const file = join(folder, 'broken.yaml');
    await writeFile(file, 'id: x\nversion: 1.0.0\ntitle: X\nlanguages: [en]\nfunctions: []\ncategories: []\n');
    const { stderr, exitCode } = await run('validate', file);
    expect(exitCode).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual([`ctacode: ${file}: /functions: must have at least 1 item`, `ctacode: ${file}: /categories: must have at least 1 item`]);
  });

  it('show: the hierarchy with cue and example counts per language', async () => {
    const { stdout } = await run('show');
    expect(stdout).toContain('cta-v1 2.0.0: Calls to action, version 1');
    expect(stdout).toContain('  de: frames imperative, hortative, deontic, inviting-question, negative-directive, negative-deontic, action-link, negated-call; stemmer natural porter_stemmer_de');
    expect(stdout).toMatch(/\n {2}mobilisation: Mobilisation\n {4}vote: Vote\n {6}en: actions \d+, phrases 2\n {6}de: actions \d+\n/);
  });

  it('import: writes a codebook that loads, and reports skipped entries', async () => {
    const out = join(folder, 'mobilise.yaml');
    const { stdout, stderr, exitCode } = await run('import', fixture('mobilise.dic'), '--out', out);
    expect(exitCode).toBe(0);
    expect(stdout).toBe(`${out}: 3 categories imported from ${fixture('mobilise.dic')} (liwc); check it with ctacode codebook validate ${out}\n`);
    expect(stderr).toContain(`ctacode: ${fixture('mobilise.dic')}: line 14: ":)" has no letter or digit`);
    const { compiled } = await loadCodebook(out);
    expect(compiled.categories.map((c) => c.id)).toEqual(['action', 'money', 'community']);
    expect(await readFile(out, 'utf8')).toMatch(/^# Imported from mobilise\.dic \(liwc\)/);
  });

  it('import: prints the codebook without --out, quanteda YAML included', async () => {
    const { stdout, exitCode } = await run('import', fixture('mobilise-quanteda.yml'), '--language', 'de');
    expect(exitCode).toBe(0);
    expect(stdout).toContain('languages:\n  - de\n');
    expect(stdout).toContain('parent: mobilisation');
  });

  it('import: a file that cannot be read', async () => {
    const { stderr, exitCode } = await run('import', join(folder, 'missing.dic'));
    expect(exitCode).toBe(1);
    expect(stderr).toBe(`ctacode: ${join(folder, 'missing.dic')}: cannot be read (ENOENT); check the path\n`);
  });
});
