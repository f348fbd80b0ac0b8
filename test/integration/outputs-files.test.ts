import { execFileSync, spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashFile } from '../../src/runtime/hash-file.js';
import { schemaValidator } from '../../src/runtime/schema-validator.js';
import type { Manifest } from '../../src/types/contracts.js';
import { createHarness, type Harness } from '../support/pipeline-harness.js';
import { csvRows, expectedAlliance, facebookPosts, writeFixtureExports } from './outputs-fixture.js';

const tables = ['coded_posts.csv', 'accounts.csv', 'periods.csv', 'alliances.csv', 'network_edges.csv', 'rejected_rows.csv', 'data_dictionary.csv'];

const typeChecks: Record<string, RegExp> = {
  integer: /^-?\d+$/,
  number: /^-?\d+(\.\d+)?(e[-+]?\d+)?$/,
  '0/1': /^[01]$/,
  datetime: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/,
};

const hasRscript = spawnSync('Rscript', ['--version']).status === 0;

describe('output files load cleanly in independent readers', () => {
  let harness: Harness;
  let runDir: string;
  let manifest: Manifest;
  beforeAll(async () => {
    harness = await createHarness();
    const files = await writeFixtureExports(harness.dataDir);
    harness.startWorkers();
    const result = await harness.run(files, { batchSize: 2, excel: true });
    expect(result.status).toBe('completed');
    runDir = result.runDir;
    manifest = JSON.parse(await readFile(join(runDir, 'manifest.json'), 'utf8')) as Manifest;
  }, 60_000);
  afterAll(async () => {
    await harness.dispose();
  });

  it('writes the same files when the alliance and network files are built in a thread of their own (as for large runs)', async () => {
    const before = process.env.CTACODE_LINK_THREAD_MIN_ROWS;
    process.env.CTACODE_LINK_THREAD_MIN_ROWS = '0';
    try {
      const again = await harness.run(await writeFixtureExports(harness.dataDir), { batchSize: 2, excel: true });
      const other = JSON.parse(await readFile(join(again.runDir, 'manifest.json'), 'utf8')) as Manifest;
      // An .xlsx file (a zip) carries the time it was written; every other file must be the same.
      const lasting = (m: Manifest) => m.outputs.filter((o) => !o.file.endsWith('.xlsx'));
      expect(lasting(other)).toEqual(lasting(manifest));
      expect(lasting(other).length).toBeGreaterThan(10);
    } finally {
      if (before === undefined) delete process.env.CTACODE_LINK_THREAD_MIN_ROWS;
      else process.env.CTACODE_LINK_THREAD_MIN_ROWS = before;
    }
  }, 60_000);

  it('lists every output in a valid manifest with its rows and sha256', async () => {
    expect(schemaValidator('manifest.schema.json')(manifest)).toEqual([]);
    expect(manifest.settings).toMatchObject({ period: 'day', alliance_window_days: 7, excel: true, pseudonymised: false, no_text: false });
    const listed = manifest.outputs.map((o) => o.file);
    for (const file of [...tables, 'network.gexf', 'codebook.yaml', ...tables.map((t) => `excel/${t}`), ...tables.map((t) => `excel/${t.replace('.csv', '.xlsx')}`)]) expect(listed, file).toContain(file);
    for (const output of manifest.outputs) {
      const { sha256, bytes } = await hashFile(join(runDir, output.file));
      expect({ file: output.file, sha256, bytes }).toEqual({ file: output.file, sha256: output.sha256, bytes: output.bytes });
    }
  });

  it('has, in every CSV, RFC 4180 UTF-8 with \\n line ends, the rows the manifest says, every column in the dictionary and values of the dictionary type', async () => {
    const dictionary = csvRows(await readFile(join(runDir, 'data_dictionary.csv')));
    for (const file of tables) {
      const bytes = await readFile(join(runDir, file));
      expect(bytes.toString('utf8').includes('\r\n'), file).toBe(false);
      expect(Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes), `${file} is UTF-8`).toBe(true);
      expect(bytes[0], `${file} has no BOM`).not.toBe(0xef);
      const rows = csvRows(bytes);
      expect(rows.length, file).toBe(manifest.outputs.find((o) => o.file === file)!.rows);
      const header = (parse(bytes, { to_line: 1 }) as string[][])[0]!;
      expect(header.length, file).toBeGreaterThan(2);
      for (const column of header) {
        const entry = dictionary.find((d) => d.file === file && d.column === column);
        expect(entry, `${file}: ${column} in data_dictionary.csv`).toBeDefined();
        const check = typeChecks[entry!.type!];
        for (const row of rows) {
          const value = row[column]!;
          if (value === '') continue;
          if (check) expect(value, `${file} ${column}`).toMatch(check);
          else expect(value, `${file} ${column}: formula neutralised`).not.toMatch(/^[=+\-@\t\r]/);
        }
      }
    }
    for (const file of ['network.gexf']) expect(dictionary.some((d) => d.file === file && d.column === 'node:community')).toBe(true);
  });

  it('keeps 19-digit ids as text, codes the fixture right and neutralises formulas', async () => {
    const coded = csvRows(await readFile(join(runDir, 'coded_posts.csv')));
    expect(coded.map((r) => r.post_id)).toEqual([...facebookPosts.map((p) => p.postId), '1666000000000000235', '1666000000000000236', '1666000000000000300', '1666000000000000301']);
    const evil = coded.find((r) => r.post_id === '1016000000000000005')!;
    expect(evil.account_name).toBe("'+Evil Page");
    expect(evil.text!.startsWith("'=HYPERLINK")).toBe(true);
    expect(evil.account_id).toBe('9000000000000000001');
    const first = coded[0]!;
    expect(first).toMatchObject({ cta_petition: '1', followers: '20000' });
    // engagement_rate = (likes 1000 + comments 200 + shares 34) / followers 20000
    expect(first.engagement_rate).toBe('0.0617');
    expect(coded.find((r) => r.post_id === '1666000000000000300')!.engagement_rate).toBe('0.0222222'); // 20 / 900, 6 significant digits
    const dictionary = csvRows(await readFile(join(runDir, 'data_dictionary.csv')));
    expect(dictionary.find((d) => d.file === 'coded_posts.csv' && d.column === 'engagement_rate')!.description).toMatch(/interactions \/ followers at posting.*empty/);
    expect(dictionary.find((d) => d.file === 'accounts.csv' && d.column === 'account_name')!.description).toContain('prefixed with an apostrophe');
  });

  it('finds the alliance written down by hand and the account measures', async () => {
    const alliances = csvRows(await readFile(join(runDir, 'alliances.csv')));
    expect(alliances.map((a) => a.target)).toContain(expectedAlliance.target);
    expect(alliances.find((a) => a.target === expectedAlliance.target)).toMatchObject(expectedAlliance);
    const accounts = csvRows(await readFile(join(runDir, 'accounts.csv')));
    // Sorted by platform, then account id (@handle where the export has no id).
    expect(accounts.map((a) => a.account_handle)).toEqual(['cityparty', 'climatenow', 'evilpage', 'greenmum', 'harbourcyclists']);
    const climate = accounts.find((a) => a.account_handle === 'climatenow')!;
    expect(climate).toMatchObject({ account_id: '7533944086', posts: '2', cta_posts: '1', cta_rate: '0.5', cta_petition_rate: '0.5', first_post_at: '2023-03-02T23:04:11Z', last_post_at: '2023-03-03T14:00:00Z' });
    // climatenow: the petition, #… none, and the mention of cityparty
    expect(Number(climate.degree)).toBeGreaterThanOrEqual(2);
    expect(accounts.every((a) => /^\d+$/.test(a.community!))).toBe(true);
    const edges = csvRows(await readFile(join(runDir, 'network_edges.csv')));
    expect(edges).toContainEqual(expect.objectContaining({ source: 'account:facebook:7533944086', target: 'account:facebook:273864989376427', edge_kind: 'mention', type: 'Directed' }));
    expect(edges).toContainEqual(expect.objectContaining({ source: 'account:twitter:@harbourcyclists', target: `target:${expectedAlliance.target}`, edge_kind: 'cta_target', cta_petition: '1' }));
    const periods = csvRows(await readFile(join(runDir, 'periods.csv')));
    expect(periods.reduce((n, p) => n + Number(p.posts), 0)).toBe(9);
  });

  it("is read by Python's standard csv module, every file, and network.gexf by its XML parser", async () => {
    const script = `
import csv, json, sys, xml.etree.ElementTree as ET
out = {}
for name in sys.argv[2:]:
    enc = 'utf-8-sig' if name.startswith('excel/') else 'utf-8'
    with open(sys.argv[1] + '/' + name, newline='', encoding=enc) as f:
        rows = list(csv.reader(f, strict=True))
    assert all(len(r) == len(rows[0]) for r in rows), name
    out[name] = {'rows': len(rows) - 1, 'header': rows[0]}
root = ET.parse(sys.argv[1] + '/network.gexf').getroot()
ns = {'g': 'http://gexf.net/1.3'}
out['network.gexf'] = {'nodes': len(root.findall('.//g:node', ns)), 'edges': len(root.findall('.//g:edge', ns))}
print(json.dumps(out))
`;
    const files = [...tables, ...tables.map((t) => `excel/${t}`)];
    const result = JSON.parse(execFileSync('python3', ['-c', script, runDir, ...files], { encoding: 'utf8' })) as Record<string, { rows: number; header: string[]; nodes: number; edges: number }>;
    for (const file of files) expect(result[file]!.rows, file).toBe(manifest.outputs.find((o) => o.file === file)!.rows);
    expect(result['excel/coded_posts.csv']!.header[0]).toBe('platform');
    const edges = csvRows(await readFile(join(runDir, 'network_edges.csv')));
    expect(result['network.gexf']!.edges).toBe(edges.length);
    expect(result['network.gexf']!.nodes).toBeGreaterThan(5);
  });

  it('writes .xlsx copies where long ids stay text, counts are numbers and no cell is a formula', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(runDir, 'excel', 'coded_posts.xlsx'));
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (name: string) => header.indexOf(name) + 1;
    expect(sheet.rowCount).toBe(10);
    const second = sheet.getRow(2);
    expect(second.getCell(col('post_id')).value).toBe('1016000000000000001');
    expect(second.getCell(col('post_id')).type).toBe(ExcelJS.ValueType.String);
    expect(second.getCell(col('likes')).value).toBe(1000);
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    const evil = sheet.getRow(6);
    expect(evil.getCell(col('account_name')).value).toBe("'+Evil Page");
    expect(evil.getCell(col('account_id')).value).toBe('9000000000000000001');
  });

  it.skipIf(!hasRscript)('is read by R: read.csv, then glm(cta_any ~ platform, family = binomial)', async () => {
    const script = join(runDir, '..', 'glm.R');
    await writeFile(script, `
args <- commandArgs(trailingOnly = TRUE)
posts <- read.csv(file.path(args[1], "coded_posts.csv"), colClasses = c(post_id = "character", account_id = "character"), encoding = "UTF-8")
fit <- glm(cta_any ~ platform, family = binomial, data = posts)
cat(nrow(posts), length(coef(fit)), is.logical(fit$converged), max(nchar(posts$post_id)), class(posts$cta_any), class(posts$engagement_rate), "\\n")
`);
    const out = execFileSync('Rscript', [script, runDir], { encoding: 'utf8' }).trim();
    expect(out).toBe('9 3 TRUE 19 integer numeric');
  });
  if (!hasRscript) it('R: skipped, Rscript is not installed (apt-get install r-base-core; .ci/run installs it)', () => undefined);
});
