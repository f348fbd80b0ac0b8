import { mkdir, readdir, rename, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openConnection } from '../../src/queue/connection.js';
import { addSchedule, listSchedules, openSweepQueue, removeSchedule, ScheduleError } from '../../src/service/schedules.js';
import { testRedisUrl } from '../support/pipeline-harness.js';
import { filesIn, sampleCsv, serviceCli, startTestService, waitFor, type TestService } from './service-harness.js';

describe('scheduled sweeps (BullMQ job schedulers)', () => {
  let t: TestService | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('a schedule fires and codes the files of its folder as one run; it survives a restart and can be removed', async () => {
    t = await startTestService();
    const { url, folder } = t.service;
    const swept = join(t.dataDir, 'nightly');
    const connection = openConnection(testRedisUrl);
    const queue = openSweepQueue(connection, t.prefix);
    try {
      const added = await addSchedule(queue, { every: 400, inbox: swept, id: 'test-sweep' });
      expect(added).toMatchObject({ id: 'test-sweep', every: 400, inbox: swept });

      // Stored in Redis: a restarted service still has it.
      await t.restart();
      expect((await listSchedules(queue)).map((s) => s.id)).toEqual(['test-sweep']);
      const page = await (await fetch(`${t.service.url}/schedules`)).text();
      expect(page).toContain('test-sweep');

      // settleMs of the test service is 400 ms: files older than that are swept. The files are
      // prepared beside the folder, aged, and the folder renamed into place, so that no sweep
      // can see one file without the other (on a loaded machine the writes can be far apart).
      const prepared = `${swept}.prepared`;
      await mkdir(prepared);
      await writeFile(join(prepared, 'one.csv'), sampleCsv());
      await writeFile(join(prepared, 'two.csv'), sampleCsv().replace(/101600000000000000/g, '202600000000000000'));
      await writeFile(join(prepared, 'readme.md'), 'not an export');
      const anHourAgo = new Date(Date.now() - 3_600_000);
      for (const name of ['one.csv', 'two.csv']) await utimes(join(prepared, name), anHourAgo, anHourAgo);
      await rename(prepared, swept);
      await waitFor('both files in processed/', async () => {
        const done = await filesIn(folder.processed);
        return done.includes('one.csv') && done.includes('two.csv');
      });
      expect(await readdir(swept)).toEqual(['readme.md']);
      const runs = ((await (await fetch(`${t.service.url}/api/runs`)).json()) as { runs: { files: string[]; status: string }[] }).runs;
      expect(runs).toHaveLength(1);
      expect(runs[0]!.files).toEqual(['one.csv', 'two.csv']);

      expect(await removeSchedule(queue, 'test-sweep')).toBe(true);
      expect(await listSchedules(queue)).toEqual([]);
      void url;
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  it('refuses schedules it cannot carry out', async () => {
    t = await startTestService();
    const connection = openConnection(testRedisUrl);
    const queue = openSweepQueue(connection, t.prefix);
    try {
      await expect(addSchedule(queue, { cron: 'every night', inbox: '/tmp' })).rejects.toBeInstanceOf(ScheduleError);
      await expect(addSchedule(queue, { cron: '0 3 * * *', tz: 'Mars/Olympus', inbox: '/tmp' })).rejects.toThrow(/unknown time zone/);
      await expect(addSchedule(queue, { cron: '0 3 * * *', inbox: 'relative/dir' })).rejects.toThrow(/absolute/);
      expect(await listSchedules(queue)).toEqual([]);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  it('ctacode schedule add | list | remove, and the same on the schedules page', async () => {
    t = await startTestService();
    const env = { REDIS_URL: testRedisUrl, CTACODE_PREFIX: t.prefix };
    const data = ['--data', t.dataDir];
    const added = await serviceCli(['schedule', 'add', '--cron', '0 3 * * *', '--tz', 'Europe/Copenhagen', '--inbox', join(t.dataDir, 'exports'), '--id', 'nightly', ...data], env);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/^nightly\t0 3 \* \* \*\tEurope\/Copenhagen\t.*exports\tnext \d{4}-\d\d-\d\dT0[12]:00:00\.000Z\n$/);

    const listed = await serviceCli(['schedule', 'list', ...data], env);
    expect(listed.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    const page = await (await fetch(`${t.service.url}/schedules`)).text();
    expect(page).toContain('nightly');
    expect(page).toContain('Europe/Copenhagen');

    // Added on the page, removed on the page.
    const form = new URLSearchParams({ cron: '30 4 * * 1', tz: 'UTC', inbox: t.dataDir, id: 'weekly' });
    const created = await fetch(`${t.service.url}/schedules`, { method: 'POST', body: form });
    expect(created.status).toBe(200);
    expect(await created.text()).toContain('Schedule weekly added');
    const removedOnPage = await fetch(`${t.service.url}/schedules/weekly/remove`, { method: 'POST' });
    expect(await removedOnPage.text()).toContain('Schedule weekly removed');

    const removed = await serviceCli(['schedule', 'remove', 'nightly', ...data], env);
    expect(removed.code, removed.stderr).toBe(0);
    const again = await serviceCli(['schedule', 'remove', 'nightly', ...data], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('no schedule nightly');
    expect(((await (await fetch(`${t.service.url}/api/schedules`)).json()) as { schedules: unknown[] }).schedules).toEqual([]);
  }, 180_000);
});
