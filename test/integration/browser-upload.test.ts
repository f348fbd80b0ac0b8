import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesIn, sampleCsv, startTestService, type TestService } from './service-harness.js';

// Debian's chromium (.ci/run installs it when missing); never a browser download of playwright's own.
const chromiumPath = '/usr/bin/chromium';
const artifacts = fileURLToPath(new URL('../browser/artifacts/', import.meta.url));

describe.skipIf(!existsSync(chromiumPath))('the web UI in a browser', () => {
  let t: TestService;
  let context: BrowserContext;
  let profile: string;
  let work: string;
  beforeAll(async () => {
    t = await startTestService();
    profile = await mkdtemp(join(tmpdir(), 'ctacode-chromium-'));
    work = await mkdtemp(join(tmpdir(), 'ctacode-browser-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await context?.close();
    await t?.dispose();
    await rm(profile, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  });

  it('uploads two files on the runs page, follows the run to the end, downloads the coded CSV', async () => {
    const first = join(work, 'climate.csv');
    const second = join(work, 'party.csv');
    await writeFile(first, sampleCsv());
    await writeFile(second, sampleCsv().replace(/101600000000000000/g, '505600000000000000'));

    const page = await context.newPage();
    await page.goto(t.service.url);
    expect(await page.title()).toBe('Runs · ctacode');
    await page.setInputFiles('input[type=file][name=files]', [first, second]);
    await page.click('input[type=submit][value="Upload and code"]');
    await page.waitForURL(/\/runs\/\d{8}-\d{6}-[0-9a-f]{6}$/);
    const runId = page.url().split('/').pop()!;
    // The page polls the API and reloads itself when the run has finished.
    // Should it end otherwise, or not in time, the message says what the API knows of the run.
    const runState = async () => JSON.stringify(await (await fetch(`${t.service.url}/api/runs/${runId}`)).json());
    await page
      .locator('h1 .status.completed, h1 .status.failed, h1 .status.completed_with_errors')
      .waitFor({ timeout: 40_000 })
      .catch(async (error: Error) => {
        throw new Error(`${error.message}\nthe run, as /api/runs/${runId} gives it: ${await runState()}`);
      });
    expect(await page.locator('h1 .status').getAttribute('class'), await runState()).toBe('status completed');

    await expectLocator(page.locator('table').first()).toContainText('Posts coded');
    expect(await page.locator('#downloads a').allTextContents()).toEqual(expect.arrayContaining(['coded_posts.csv', 'manifest.json', 'rejected_rows.csv']));
    expect(await page.locator('svg[aria-label]').count()).toBe(3);

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#downloads a', { hasText: 'coded_posts.csv' }).click()]);
    expect(download.suggestedFilename()).toBe('coded_posts.csv');
    const saved = join(work, 'downloaded.csv');
    await download.saveAs(saved);
    const rows = parse(await readFile(saved, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(6);
    expect(rows.map((r) => r.source_file)).toEqual(['climate.csv', 'climate.csv', 'climate.csv', 'party.csv', 'party.csv', 'party.csv']);
    expect(rows.filter((r) => r.cta_any === '1').map((r) => r.post_id)).toEqual(['1016000000000000001', '1016000000000000003', '5056000000000000001', '5056000000000000003']);

    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'run-page.png'), fullPage: true });

    // The runs list shows the finished run.
    await page.goto(t.service.url);
    await expectLocator(page.locator(`tr[data-run="${runId}"] .status`)).toHaveText('completed');
    expect((await filesIn(t.service.folder.processed)).sort()).toEqual(['climate.csv', 'party.csv']);
  });
});

// vitest's expect has no locator matchers: a small stand-in for the two used above.
function expectLocator(locator: { textContent(): Promise<string | null> }) {
  return {
    async toContainText(text: string) {
      expect(await locator.textContent()).toContain(text);
    },
    async toHaveText(text: string) {
      expect((await locator.textContent())?.trim()).toBe(text);
    },
  };
}
