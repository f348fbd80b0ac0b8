import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'csv-stringify/sync';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReliability } from '../../src/reliability/reliability-command.js';
import { csvRows, runWithSample, type SampledRun } from './coding-fixture.js';
import { startTestService, waitFor, type TestService } from './service-harness.js';

// Debian's chromium (.ci/run installs it when missing); never a browser download of playwright's own.
const chromiumPath = '/usr/bin/chromium';
const artifacts = fileURLToPath(new URL('../browser/artifacts/', import.meta.url));

describe.skipIf(!existsSync(chromiumPath))('coding the validation sample in a browser, with the keyboard', () => {
  let t: TestService;
  let run: SampledRun;
  let context: BrowserContext;
  let profile: string;
  beforeAll(async () => {
    t = await startTestService();
    run = await runWithSample(t);
    profile = await mkdtemp(join(tmpdir(), 'ctacode-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      viewport: { width: 1280, height: 1000 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 90_000);
  afterAll(async () => {
    await context?.close();
    await t?.dispose();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  /** The categories the machine gave the post on screen: coder-1 agrees with the machine. */
  const machineCategories = async (page: Page) => {
    const postId = (await page.locator('#post-id').textContent())!;
    const row = run.machine.get(postId)!;
    const columns = await page.locator('#codes input').evaluateAll((boxes) => boxes.map((b) => b.getAttribute('name') ?? ''));
    return { postId, categories: columns.filter((column) => column !== 'cta_any' && row[column] === '1') };
  };
  const savedStatus = (page: Page) => waitFor('the answer to be saved', async () => (await page.locator('#save-status').textContent()) === 'saved', 10_000);

  /** Ticks the post's categories with their keys (as shown on the page) and saves it with Enter. */
  const codeWithKeys = async (page: Page) => {
    const { postId, categories } = await machineCategories(page);
    for (const column of categories) {
      const key = (await page.locator(`[data-code="${column}"] kbd`).textContent())!;
      await page.keyboard.press(key);
      expect(await page.locator(`#code-${column}`).isChecked()).toBe(true);
    }
    // A category ticks "any call to action" with it.
    expect(await page.locator('#code-cta_any').isChecked()).toBe(categories.length > 0);
    await page.keyboard.press('Enter');
    await savedStatus(page);
    return postId;
  };

  it('codes three posts with the keyboard, keeps them over a reload, resumes, and reliability reads the saved sheet', async () => {
    const page = await context.newPage();
    await page.goto(`${t.service.url}/runs/${run.runId}`);
    await page.click('#coding-link a');
    await page.waitForURL(/\/coding$/);
    await page.click('#coders a[href$="/coding/coder-1"]');
    await page.waitForURL(/\/coding\/coder-1$/);
    expect(await page.title()).toBe('Coding coder-1 · ctacode');
    expect(await page.locator('#position').textContent()).toBe('post 1 of 6 (not coded yet)');

    const done = [];
    for (let i = 0; i < 3; i++) done.push(await codeWithKeys(page));
    expect(await page.locator('#progress-text').textContent()).toBe('3 of 6 posts coded');

    // Reload: the answers come back from the server and the page starts at the fourth post.
    await page.reload();
    expect(await page.locator('#progress-text').textContent()).toBe('3 of 6 posts coded');
    expect(await page.locator('#position').textContent()).toBe('post 4 of 6 (not coded yet)');
    expect(await page.locator('#posts td.state').allTextContents()).toEqual(['✓', '✓', '✓', '—', '—', '—']);
    await page.keyboard.press('ArrowLeft');
    expect(await page.locator('#post-id').textContent()).toBe(done[2]);
    const { categories } = await machineCategories(page);
    const ticked = await page.locator('#codes input:checked').evaluateAll((boxes) => boxes.map((b) => b.getAttribute('name') ?? ''));
    expect(ticked).toEqual(categories.length > 0 ? ['cta_any', ...categories] : []);
    await page.keyboard.press('n');
    expect(await page.locator('#position').textContent()).toBe('post 4 of 6 (not coded yet)');

    // The post whose text tried to close the script element shows it as text.
    const texts = await page.locator('#posts tbody td:last-child').allTextContents();
    expect(texts.some((text) => text.includes('</script><script>alert(1)</script>'))).toBe(true);

    // A category ticked on screen, for the picture.
    const votePost = [...run.machine.values()].find((r) => r.cta_vote === '1')!.post_id;
    await mkdir(artifacts, { recursive: true });
    await page.locator('#posts tbody tr', { hasText: votePost }).click();
    await page.screenshot({ path: join(artifacts, 'coding-page.png'), fullPage: true });
    await page.keyboard.press('n');
    await page.goto(`${t.service.url}/runs/${run.runId}/coding/coder-1`);
    expect(await page.locator('#position').textContent()).toBe('post 4 of 6 (not coded yet)');
    for (let i = 0; i < 3; i++) await codeWithKeys(page);
    expect(await page.locator('#done').textContent()).toMatch(/^All 6 posts are coded/);

    // coder-2 codes in the spreadsheet, and misses one call the machine and coder-1 found.
    const blank = await readFile(join(run.runDir, 'validation', 'coder-2.csv'), 'utf8');
    const header = blank.slice(0, blank.indexOf('\n')).split(',');
    const missed = [...run.machine.values()].find((r) => r.cta_petition === '1')!.post_id;
    const filled = csvRows(blank).map((row) => header.map((h) => (h.startsWith('cta_') ? (row.post_id === missed ? '0' : run.machine.get(row.post_id!)![h]) : row[h])));
    await writeFile(join(run.runDir, 'validation', 'coder-2.csv'), stringify([header, ...filled]));

    const browserSheet = join(run.runDir, 'validation', 'browser', 'coder-1.csv');
    expect((await readFile(browserSheet, 'utf8')).split('\n')[0]).toBe(header.join(','));
    const result = await runReliability(run.runDir, { coded: [browserSheet, join(run.runDir, 'validation', 'coder-2.csv')], bootstrap: 200, seed: '1' });
    expect(result.report.coders.map((c) => [c.coder, c.posts])).toEqual([['coder-1', 6], ['coder-2', 6]]);
    expect(result.report.warnings).toEqual([]);
    const any = result.report.codes.find((c) => c.code === 'cta_any')!;
    // Both coders code all 6 posts; they differ on one of the 3 calls.
    expect(any.human.units).toBe(6);
    expect(any.human.percent_agreement.value).toBeCloseTo(5 / 6, 4);
    expect(any.human.cohen_kappa!.value).toBeCloseTo(2 / 3, 4); // p_e = 3/6·2/6 + 3/6·4/6 = 1/2
    expect(any.human.krippendorff_alpha.value).toBeCloseTo(1 - (11 * 2) / (2 * 5 * 7), 4); // 0.6857
    // The split post has no reference; the machine agrees with the coders on the other five.
    expect(any.machine).toMatchObject({ units: 5, no_reference: 1, tp: 2, fp: 0, fn: 0, tn: 3 });
    expect(any.machine.f1.value).toBe(1);
    const petition = result.report.codes.find((c) => c.code === 'cta_petition')!;
    expect(petition.human.percent_agreement.value).toBeCloseTo(5 / 6, 4);
    const vote = result.report.codes.find((c) => c.code === 'cta_vote')!;
    expect(vote.human.percent_agreement.value).toBe(1);
    expect(vote.human.krippendorff_alpha.value).toBe(1);
  }, 120_000);
});
