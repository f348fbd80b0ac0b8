import { mkdtemp, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShareSpill, type SpilledRecord } from '../../../src/aggregate/share-spill.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ctacode-spill-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ShareSpill', () => {
  it('gives back every record of a share in order, strings exactly, across buffer and read boundaries', () => {
    const spill = new ShareSpill(3, (share) => join(dir, `a-${share}.bin`));
    const expected: SpilledRecord[][] = [[], [], []];
    // Long enough that the records span many 1 MB reads; one key larger than a whole buffer.
    for (let i = 0; i < 40_000; i++) {
      const share = 1 + (i % 2);
      const record: SpilledRecord =
        i % 3 === 0
          ? { kind: 'use', account: `facebook\u0000${i}`, target: `https://example.org/${'x'.repeat(i % 97)}` }
          : { kind: 'copy', ordinal: i, hash: 2 ** 32 - 1 - i, copy: { key: i === 7 ? `k${'y'.repeat(700_000)}` : `facebook\u0000${i}\ud800é`, collectedAt: i % 5 === 0 ? '' : '2024-01-02T00:00:00Z', engagement: i % 4 === 0 ? -1 : i * 1.5 } };
      if (record.kind === 'use') spill.addUse(share, record.account, record.target);
      else spill.addCopy(share, record.ordinal, record.hash, record.copy);
      expected[share]!.push(record);
    }
    spill.finish();
    expect([...spill.read(1)]).toEqual(expected[1]);
    expect([...spill.read(2)]).toEqual(expected[2]);
    spill.remove();
  });

  it('says which file ends in the middle of a record', async () => {
    const spill = new ShareSpill(2, (share) => join(dir, `b-${share}.bin`));
    spill.addUse(1, 'facebook\u00001', '#vote');
    spill.finish();
    await truncate(join(dir, 'b-1.bin'), 10);
    expect(() => [...spill.read(1)]).toThrow(`${join(dir, 'b-1.bin')} ends in the middle of a record: this work file of the aggregate step was changed by something else while the run was written; code the run again`);
    spill.remove();
  });
});
