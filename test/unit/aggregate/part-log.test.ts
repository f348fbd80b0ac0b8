import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entriesVersion, readPartEntries } from '../../../src/aggregate/coded-part.js';
import { partKey, PartLog, placesOfParts } from '../../../src/aggregate/part-log.js';
import type { FileSummary } from '../../../src/queue/job-types.js';
import { runLayout } from '../../../src/runs/run-layout.js';
import { newRunDir } from '../../support/run-folder.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ctacode-part-log-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const freshRun = () => newRunDir(root);

async function logsOf(runDir: string): Promise<string[]> {
  return (await readdir(runLayout.work(runDir))).filter(runLayout.isPartLog).map((name) => join(runLayout.work(runDir), name));
}

/** The bytes a place points at, read from its log. */
async function bytesAt(path: string, at: number, length: number): Promise<string> {
  return (await readFile(path)).subarray(at, at + length).toString('utf8');
}

describe('the logs of coded batches', () => {
  it('find every batch that each worker appended to its own log, with its entries and rows', async () => {
    const runDir = await freshRun();
    const first = new PartLog(runDir);
    const second = new PartLog(runDir);
    first.append(0, 0, ['{"a":', '1}\n'], Buffer.from('row 0\n'));
    second.append(0, 1, [Buffer.from('{"b":2}\n')], Buffer.from('row 1\nrow 2\n'));
    first.append(1, 0, ['{}\n'], Buffer.alloc(0));
    expect(await logsOf(runDir)).toHaveLength(2);

    const places = placesOfParts(runDir);
    expect([...places.keys()].sort()).toEqual([partKey(0, 0), partKey(0, 1), partKey(1, 0)]);
    const read = async (key: string) => {
      const place = places.get(key)!;
      return [await bytesAt(place.path, place.entriesAt, place.entriesLength), await bytesAt(place.path, place.rowsAt, place.rowsLength)];
    };
    expect(await read(partKey(0, 0))).toEqual(['{"a":1}\n', 'row 0\n']);
    expect(await read(partKey(0, 1))).toEqual(['{"b":2}\n', 'row 1\nrow 2\n']);
    expect(await read(partKey(1, 0))).toEqual(['{}\n', '']);
    expect(places.get(partKey(0, 0))!.path).toBe(places.get(partKey(1, 0))!.path);
  });

  it('leave out a record cut short, as by a worker killed while appending, and keep the ones before it', async () => {
    const runDir = await freshRun();
    const log = new PartLog(runDir);
    log.append(0, 0, ['{"a":1}\n'], Buffer.from('row 0\n'));
    log.append(0, 1, ['{"b":2}\n'], Buffer.from('row 1\n'));
    const [path] = await logsOf(runDir);
    const whole = (await readFile(path!)).length;
    for (const cut of [whole - 1, whole - 10, whole - 140]) {
      await truncate(path!, cut);
      expect([...placesOfParts(runDir).keys()]).toEqual([partKey(0, 0)]);
    }
    // Bytes that are not a record's header end the log's reading as well.
    await appendFile(path!, 'x'.repeat(200));
    expect([...placesOfParts(runDir).keys()]).toEqual([partKey(0, 0)]);
  });

  it('find nothing where nothing was coded, and say which batch is missing when it is read', async () => {
    const runDir = await freshRun();
    expect(placesOfParts(runDir).size).toBe(0);
    expect(placesOfParts(join(root, 'no-such-run')).size).toBe(0);
    const noPosts = { version: entriesVersion, key: [], collectedAt: [], engagement: [], account: [], targetsUsed: [] };
    new PartLog(runDir).append(0, 0, [`${JSON.stringify(noPosts)}\n{}\n`], Buffer.alloc(0));
    const file = { index: 0, name: 'posts.csv', batches: 2 } as FileSummary;
    await expect(
      (async () => {
        for await (const _ of readPartEntries(runDir, [file])) void _;
      })(),
    ).rejects.toThrow(/coded batch 1 of posts\.csv is missing: a coding job finished without writing it; code the run again/);
  });

  it('report an append that fails, and append to a log again once the folder can be written', async () => {
    const runDir = await freshRun();
    const log = new PartLog(runDir);
    await rm(runLayout.work(runDir), { recursive: true });
    expect(() => log.append(0, 0, ['{}\n'], Buffer.alloc(0))).toThrow(/ENOENT/);
    await mkdir(runLayout.work(runDir));
    log.append(0, 0, ['{}\n'], Buffer.from('row\n'));
    expect([...placesOfParts(runDir).keys()]).toEqual([partKey(0, 0)]);
  });
});
