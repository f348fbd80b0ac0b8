import { execFileSync, spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/pipeline-harness.js';
import { csvRows } from './outputs-fixture.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const hasRscript = spawnSync('Rscript', ['--version']).status === 0;

/** The fenced block after `<!-- name -->` in docs/analysis.md. */
function block(markdown: string, name: string): string {
  const match = new RegExp(`<!-- ${name.replace('.', '\\.')} -->\\n\`\`\`\\w*\\n([\\s\\S]*?)\\n\`\`\``).exec(markdown);
  if (!match) throw new Error(`docs/analysis.md has no block marked <!-- ${name} -->`);
  return `${match[1]}\n`;
}

describe('docs/analysis.md: the worked example', () => {
  let harness: Harness;
  let runDir: string;
  let markdown: string;
  beforeAll(async () => {
    markdown = await readFile(join(root, 'docs', 'analysis.md'), 'utf8');
    harness = await createHarness();
    harness.startWorkers();
    const result = await harness.run([join(root, 'examples', 'crowdtangle-facebook-sample.csv'), join(root, 'examples', 'posts-generic.csv')]);
    expect(result.status).toBe('completed');
    runDir = result.runDir;
    await writeFile(join(runDir, 'account_types.csv'), block(markdown, 'account_types.csv'));
  }, 60_000);
  afterAll(async () => {
    await harness.dispose();
  });

  it('classifies every account of the sample data', async () => {
    const types = csvRows(block(markdown, 'account_types.csv'));
    const accounts = csvRows(await readFile(join(runDir, 'accounts.csv')));
    for (const a of accounts) expect(types.map((t) => t.account_handle), a.account_handle).toContain(a.account_handle);
  });

  it.skipIf(!hasRscript)('runs the R code as printed, and its table of CTA rates per account type is right', async () => {
    await writeFile(join(runDir, 'analysis.R'), block(markdown, 'analysis.R'));
    const printed = execFileSync('Rscript', ['analysis.R'], { cwd: runDir, encoding: 'utf8' });
    expect(printed).toContain('account_type');
    const fromR = csvRows(await readFile(join(runDir, 'cta_rates_by_type.csv')));

    // The same table computed here, from coded_posts.csv and the account types.
    const types = new Map(csvRows(block(markdown, 'account_types.csv')).map((t) => [t.account_handle!, t.account_type!]));
    const posts = csvRows(await readFile(join(runDir, 'coded_posts.csv')));
    const groups = new Map<string, { n: number; cta: number; handles: Set<string> }>();
    for (const p of posts) {
      const type = types.get(p.account_handle!) ?? 'unclassified';
      const g = groups.get(type) ?? { n: 0, cta: 0, handles: new Set() };
      g.n++;
      g.cta += Number(p.cta_any);
      g.handles.add(p.account_handle!);
      groups.set(type, g);
    }
    expect(fromR.map((r) => r.account_type).sort()).toEqual([...groups.keys()].sort());
    for (const r of fromR) {
      const g = groups.get(r.account_type!)!;
      expect(Number(r.posts), r.account_type).toBe(g.n);
      expect(Number(r.accounts), r.account_type).toBe(g.handles.size);
      expect(Number(r.cta_any), r.account_type).toBeCloseTo(g.cta / g.n, 10);
    }
  });
  if (!hasRscript) it('R: skipped, Rscript is not installed (apt-get install r-base-core; .ci/run installs it)', () => undefined);
});
