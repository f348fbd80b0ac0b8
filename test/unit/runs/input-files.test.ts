import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayNames, expandInputs } from '../../../src/runs/input-files.js';
import { newRunId } from '../../../src/runs/run-layout.js';

describe('expandInputs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ctacode-inputs-'));
    await mkdir(join(dir, 'sub'));
    for (const f of ['b.csv', 'a.json', 'README.md', '.hidden.csv', 'sub/c.tsv', 'sub/notes.docx']) await writeFile(join(dir, f), 'x');
    await mkdir(join(dir, 'empty'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('takes export files from folders recursively, in name order, skipping hidden and other files', async () => {
    expect(await expandInputs([dir])).toEqual([join(dir, 'a.json'), join(dir, 'b.csv'), join(dir, 'sub', 'c.tsv')]);
  });
  it('takes a named file whatever its ending, once', async () => {
    expect(await expandInputs([join(dir, 'README.md'), join(dir, 'README.md')])).toEqual([join(dir, 'README.md')]);
  });
  it('says which path is missing or empty', async () => {
    await expect(expandInputs([join(dir, 'nope.csv')])).rejects.toThrow(/nope\.csv: no such file or folder/);
    await expect(expandInputs([join(dir, 'empty')])).rejects.toThrow(/empty: no export files in this folder/);
    await expect(expandInputs([])).rejects.toThrow(/no input/);
  });
});

describe('displayNames', () => {
  it('uses base names, with the folder where two files share one', () => {
    expect(displayNames(['/a/x.csv', '/b/x.csv', '/b/y.csv'])).toEqual(['a/x.csv', 'b/x.csv', 'y.csv']);
  });
});

describe('newRunId', () => {
  it('sorts by time and ends in a random suffix', () => {
    expect(newRunId(new Date('2026-11-21T23:57:04Z'), () => 0.5)).toBe('20261121-235704-7fffff');
  });
});
