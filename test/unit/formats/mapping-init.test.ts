import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultMappingPath, mappingInit, registerMappingCommands } from '../../../src/cli/mapping-commands.js';
import { guessFromSample } from '../../../src/formats/guess-mapping.js';
import { loadMapping } from '../../../src/formats/load-mapping.js';
import { fixturePath, postsOf, readExport, temporaryFolder } from './export-files.js';

const folder = await temporaryFolder();
afterAll(() => folder.remove());

async function run(file: string, options: { out?: string; force?: boolean } = {}): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await mappingInit(file, options, (line) => out.push(line), (line) => err.push(line));
  return { code, out, err };
}

describe('ctacode mapping init', () => {
  it('writes a valid mapping that reads a file whose text column has no usual name', async () => {
    const csv = await folder.write('unusual.csv', await readFile(fixturePath('unusual-headers.csv')));
    const target = await folder.write('unusual.json', '');
    const { code, out } = await run(csv, { out: target, force: true });
    expect(code).toBe(0);
    const mapping = await loadMapping(target);
    expect(mapping).toEqual({ delimiter: ';', columns: { text: 'Beitragstext', created_at: 'Zeitpunkt' } });
    expect(Object.keys(mapping)).toEqual(['delimiter', 'columns']);
    expect(out.join('\n')).toMatch(/text\s+"Beitragstext"\s+← no column has a usual name for the text/);
    expect(out.join('\n')).toMatch(/created_at\s+"Zeitpunkt"\s+← its cells are dates and times/);
    expect(out.at(-1)).toBe(`then: ctacode run ${csv} --mapping ${target}`);
    const { format, rows } = await readExport(csv, { mapping });
    expect(format).toBe('generic-csv');
    expect(postsOf(rows).map((post) => [post.text, post.created_at])).toEqual([
      ['Kommt alle zur Demo am Samstag, 12 Uhr am Jungfernstieg! #Klimastreik', '2023-01-05T18:30:00Z'],
      ['Danke für 10.000 Unterschriften.', '2023-07-05T09:00:00Z'],
    ]);
  });

  it('pre-fills the columns with usual names, next to the export by default, and does not overwrite', async () => {
    const csv = await folder.write('posts.csv', 'ID,User Name,Created At,Post Text,Like Count\n1,ana,2023-01-01T00:00:00Z,Vote on Sunday,3\n');
    expect(defaultMappingPath(csv)).toBe(csv.replace(/posts\.csv$/, 'posts.mapping.json'));
    const first = await run(csv);
    expect(first.code).toBe(0);
    expect(await loadMapping(defaultMappingPath(csv))).toEqual({
      columns: { text: 'Post Text', post_id: 'ID', account_handle: 'User Name', created_at: 'Created At', likes: 'Like Count' },
    });
    const again = await run(csv);
    expect(again.code).toBe(1);
    expect(again.err[0]).toMatch(/already exists; edit it, or pass --force/);
  });

  it('reads the header of an xlsx workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Export');
    sheet.addRow(['Kennung', 'Zeitpunkt', 'Inhalt des Beitrags']);
    sheet.addRow(['k1', '2023-01-05', 'Kommt alle am Samstag zur Demo, bringt Freunde mit']);
    const path = await folder.write('sheet.xlsx', '');
    await workbook.xlsx.writeFile(path);
    const { code } = await run(path);
    expect(code).toBe(0);
    expect((await loadMapping(defaultMappingPath(path))).columns.text).toBe('Inhalt des Beitrags');
  });

  it('says what is wrong with a file it cannot read', async () => {
    const { code, err } = await run(await folder.write('empty.csv', ''));
    expect(code).toBe(1);
    expect(err[0]).toMatch(/empty\.csv: the file is empty/);
  });

  it('is registered as `mapping init` with --out and --force', () => {
    const program = new Command();
    registerMappingCommands(program);
    const init = program.commands.find((command) => command.name() === 'mapping')?.commands.find((command) => command.name() === 'init');
    expect(init?.options.map((option) => option.long)).toEqual(['--out', '--force']);
  });
});

describe('guessing the text column', () => {
  it('takes the column with the longest prose, not numbers, dates or links', () => {
    const guessed = guessFromSample(['a', 'b', 'c', 'd'], [
      ['1', 'https://x.example/a-very-long-link-that-is-not-text', '2023-01-01 10:00:00', 'Please share this with everyone'],
      ['2', 'https://x.example/another-very-long-link', '2023-01-02 10:00:00', 'Short one'],
    ], ',', 'f.csv');
    expect(guessed.mapping.columns.text).toBe('d');
    expect(guessed.textGuess).toBe('longest-cells');
    expect(guessed.mapping.columns.created_at).toBe('c');
    expect(guessed.guessedByContent).toEqual(['created_at']);
    expect(guessed.unmapped).toContain('post_id');
  });
});
