import { readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReliability } from '../../src/reliability/reliability-command.js';
import { csvRows, runWithSample, type SampledRun } from './coding-fixture.js';
import { rawGet, startTestService, type TestService } from './service-harness.js';

const token = 'a-test-token-0123456789abcdef';

interface CodingState {
  sheet: string;
  total: number;
  coded: number;
  codes: { column: string; label: string; definition: string }[];
  posts: { platform: string; post_id: string; text: string; codes: Record<string, 0 | 1 | null> }[];
}

describe('coding the validation sample in the browser: pages and API', () => {
  let t: TestService;
  let run: SampledRun;
  let url: string;
  const api = (coder: string) => `${url}/api/runs/${run.runId}/coding/${coder}`;
  const state = async (coder: string) => (await (await fetch(api(coder))).json()) as CodingState;
  const post = (coder: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(api(coder), { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers }, body: JSON.stringify(body) });
  /** The machine's codes of a post, as an answer. */
  const machineAnswer = (s: CodingState, postId: string) => {
    const row = run.machine.get(postId)!;
    return Object.fromEntries(s.codes.map((c) => [c.column, Number(row[c.column]) as 0 | 1]));
  };
  const sheetFile = (coder: string) => join(run.runDir, 'validation', 'browser', `${coder}.csv`);

  beforeAll(async () => {
    t = await startTestService();
    url = t.service.url;
    run = await runWithSample(t);
  }, 60_000);
  afterAll(() => t?.dispose());

  it('links the coding pages from the run page, and lists the coders with their progress', async () => {
    const runPage = await (await fetch(`${url}/runs/${run.runId}`)).text();
    expect(runPage).toContain(`<a href="/runs/${run.runId}/coding">Code in the browser</a>`);
    expect(runPage).toContain('coder-1: 0 of 6 coded');
    const coders = await (await fetch(`${url}/runs/${run.runId}/coding`)).text();
    expect(coders).toContain(`href="/runs/${run.runId}/coding/coder-1"`);
    expect(coders).toContain(`href="/runs/${run.runId}/coding/coder-2"`);
    expect(await (await fetch(`${url}/api/runs/${run.runId}/coding`)).json()).toEqual({ coders: [{ coder: 'coder-1', posts: 6, coded: 0 }, { coder: 'coder-2', posts: 6, coded: 0 }] });
  });

  it('shows a coder every code with its key, label and definition, the posts in the order of the sheet, escaped', async () => {
    const page = await (await fetch(`${url}/runs/${run.runId}/coding/coder-1`)).text();
    expect(page).toMatch(/<label class="any" data-code="cta_any"[^>]*><input type="checkbox" id="code-cta_any"[\s\S]*?<kbd>a<\/kbd>/);
    expect(page).toMatch(/data-code="cta_vote"[\s\S]*?<kbd>1<\/kbd> <strong>[^<]+<\/strong> <code class="muted">cta_vote<\/code>/);
    expect(page).toContain('<kbd>Enter</kbd>');
    // Every code of the codebook: cta_any and 14 categories, keys 1–9 then letters.
    expect(page.match(/<input type="checkbox" id="code-/g)).toHaveLength(15);
    expect(page).toMatch(/data-code="cta_purchase"[\s\S]*?<kbd>e<\/kbd>/);
    // The script-closing text is in the page as data, never as markup.
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page.match(/<\/script>/g)).toHaveLength(2);

    const s = await state('coder-1');
    const sheet = csvRows(await readFile(join(run.runDir, 'validation', 'coder-1.csv'), 'utf8'));
    expect(s.posts.map((p) => p.post_id)).toEqual(sheet.map((r) => r.post_id));
    expect(s).toMatchObject({ sheet: 'validation/browser/coder-1.csv', total: 6, coded: 0 });
    expect(s.codes[0]).toMatchObject({ column: 'cta_any', label: 'Any call to action' });
    expect(s.codes.find((c) => c.column === 'cta_vote')!.definition.length).toBeGreaterThan(10);
  });

  it('saves every answer to a sheet with the columns of the blank one, resumes at the first post not coded, and reliability reads it', async () => {
    const s = await state('coder-1');
    const [first, second, third] = s.posts;
    for (const p of [first!, second!]) {
      const response = await post('coder-1', { platform: p.platform, post_id: p.post_id, codes: machineAnswer(s, p.post_id) });
      expect(response.status).toBe(200);
    }
    // Values as text are taken as a sheet's cells are; null is "not coded".
    const nulls = Object.fromEntries(s.codes.map((c) => [c.column, null]));
    expect((await post('coder-1', { platform: third!.platform, post_id: third!.post_id, codes: { ...nulls, cta_any: '0' } })).status).toBe(200);
    expect((await post('coder-1', { platform: third!.platform, post_id: third!.post_id, codes: nulls })).status).toBe(200);

    const blank = await readFile(join(run.runDir, 'validation', 'coder-1.csv'), 'utf8');
    const saved = await readFile(sheetFile('coder-1'), 'utf8');
    expect(saved.split('\n')[0]).toBe(blank.split('\n')[0]);
    const rows = csvRows(saved);
    expect(rows.map((r) => r.post_id)).toEqual(csvRows(blank).map((r) => r.post_id));
    expect(rows[0]!.cta_any).toBe(run.machine.get(first!.post_id)!.cta_any);
    expect(rows[2]!.cta_any).toBe('');
    expect(rows[3]!.cta_vote).toBe('');

    const after = await state('coder-1');
    expect(after.coded).toBe(2);
    expect(after.posts[1]!.codes).toEqual(machineAnswer(s, second!.post_id));
    // The page starts at the first post not coded: the third.
    const page = await (await fetch(`${url}/runs/${run.runId}/coding/coder-1`)).text();
    expect(page).toMatch(/"start":2,/);
    expect(page).toContain('<progress id="progress" max="6" value="2">');

    // Code the rest, then coder-2 in the browser too, disagreeing on one post.
    for (const p of after.posts.slice(2)) await post('coder-1', { platform: p.platform, post_id: p.post_id, codes: machineAnswer(s, p.post_id) });
    const two = await state('coder-2');
    const flipped = two.posts.find((p) => run.machine.get(p.post_id)!.cta_any === '1')!;
    for (const p of two.posts) {
      const codes = p === flipped ? Object.fromEntries(two.codes.map((c) => [c.column, 0])) : machineAnswer(two, p.post_id);
      expect((await post('coder-2', { platform: p.platform, post_id: p.post_id, codes })).status).toBe(200);
    }
    const download = await fetch(`${url}/runs/${run.runId}/coding/coder-2/sheet.csv`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="coder-2.csv"');
    expect(await download.text()).toBe(await readFile(sheetFile('coder-2'), 'utf8'));

    const result = await runReliability(run.runDir, { coded: [sheetFile('coder-1'), sheetFile('coder-2')], bootstrap: 50, seed: '1', out: join(run.runDir, 'validation', 'report') });
    expect(result.report.coders.map((c) => [c.coder, c.posts])).toEqual([['coder-1', 6], ['coder-2', 6]]);
    const any = result.report.codes.find((c) => c.code === 'cta_any')!;
    // 3 calls, 3 not; coder-2 misses one: agreement 5/6, kappa 2/3, alpha 1 - 11·2/(2·5·7).
    expect(any.human.percent_agreement.value).toBeCloseTo(5 / 6, 4);
    expect(any.human.cohen_kappa!.value).toBeCloseTo(2 / 3, 4);
    expect(any.human.krippendorff_alpha.value).toBeCloseTo(1 - 22 / 70, 4);
    // The blank and the browser sheet of one coder cannot both be given by mistake.
    await expect(runReliability(run.runDir, { coded: [join(run.runDir, 'validation', 'coder-1.csv'), sheetFile('coder-1'), sheetFile('coder-2')], bootstrap: 10, seed: '1', out: join(run.runDir, 'validation', 'report') }))
      .rejects.toThrow(/are both coder "coder-1"/);
  });

  it('refuses values that are not codes, unknown codes and posts, and writes nothing then', async () => {
    const s = await state('coder-1');
    const p = s.posts[0]!;
    const before = await readFile(sheetFile('coder-1'), 'utf8');
    const answer = machineAnswer(s, p.post_id);
    const refused = async (body: unknown, status: number, message: RegExp, headers: Record<string, string> = {}) => {
      const response = await post('coder-1', body, headers);
      expect(response.status).toBe(status);
      expect(((await response.json()) as { error: string }).error).toMatch(message);
    };
    await refused({ platform: p.platform, post_id: p.post_id, codes: { ...answer, cta_vote: 7 } }, 400, /column cta_vote: "7" is not a code/);
    await refused({ platform: p.platform, post_id: p.post_id, codes: { ...answer, cta_vote: true } }, 400, /column cta_vote: "\?" is not a code/);
    await refused({ platform: p.platform, post_id: p.post_id, codes: { ...answer, cta_votes: 1 } }, 400, /"cta_votes" is not a code of this codebook/);
    const { cta_any: _any, ...withoutAny } = answer;
    await refused({ platform: p.platform, post_id: p.post_id, codes: withoutAny }, 400, /column cta_any is missing/);
    await refused({ platform: p.platform, post_id: '999', codes: answer }, 400, /post 999 \(facebook\) is not on the sheet of coder-1/);
    await refused({ post_id: p.post_id }, 400, /send \{ "platform"/);
    expect(await readFile(sheetFile('coder-1'), 'utf8')).toBe(before);

    const form = await fetch(api('coder-1'), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'cta_any=1' });
    expect(form.status).toBe(415);
    const crossSite = await post('coder-1', { platform: p.platform, post_id: p.post_id, codes: answer }, { origin: 'http://attacker.example' });
    expect(crossSite.status).toBe(403);
    expect(await readFile(sheetFile('coder-1'), 'utf8')).toBe(before);
  });

  it('validates run ids and coder names and never leaves the run directory', async () => {
    await writeFile(join(t.dataDir, 'secret.csv'), 'SECRET');
    const paths: [string, number][] = [
      [`/runs/${run.runId}/coding/coder-9`, 404],
      [`/runs/${run.runId}/coding/..%2F..%2Fsecret`, 400],
      [`/runs/${run.runId}/coding/%2e%2e`, 400],
      [`/runs/${run.runId}/coding/.hidden`, 400],
      [`/runs/${run.runId}/coding/coder-1%00`, 400],
      [`/runs/${run.runId}/coding/coder-1/../../../secret.csv`, 404],
      [`/api/runs/..%2F..%2F/coding/coder-1`, 404],
      ['/runs/not-a-run/coding', 404],
      ['/runs/20200101-000000-000000/coding', 404],
      [`/runs/${run.runId}/coding/coder-9/sheet.csv`, 404],
    ];
    for (const [path, status] of paths) {
      const response = await rawGet(url, path);
      expect({ path, status: response.status }).toEqual({ path, status });
      expect(response.body).not.toContain('SECRET');
    }
    // A browser sheet that is a link out of the run is not followed.
    await rm(sheetFile('coder-2'));
    await symlink(join(t.dataDir, 'secret.csv'), sheetFile('coder-2'));
    const linked = await rawGet(url, `/runs/${run.runId}/coding/coder-2/sheet.csv`);
    expect(linked.status).toBe(400);
    expect(linked.body).not.toContain('SECRET');
    await rm(sheetFile('coder-2'));
  });

  it('refuses a browser sheet changed outside the page, or left by another sample, instead of overwriting it', async () => {
    const file = sheetFile('coder-1');
    const good = await readFile(file, 'utf8');
    const lines = good.split('\n');
    const header = lines[0]!.split(',');
    const cells = csvRows(good);
    cells[1]!.cta_vote = '7';
    const { stringify } = await import('csv-stringify/sync');
    await writeFile(file, stringify([header, ...cells.map((r) => header.map((h) => r[h]))]));
    const broken = await fetch(api('coder-1'));
    expect(broken.status).toBe(409);
    expect(((await broken.json()) as { error: string }).error).toMatch(/sheet validation\/browser\/coder-1\.csv, row 3, column cta_vote: "7" is not a code[\s\S]*changed outside the coding page/);

    cells[1]!.cta_vote = '0';
    cells[0]!.post_id = '1234';
    await writeFile(file, stringify([header, ...cells.map((r) => header.map((h) => r[h]))]));
    const stale = await post('coder-1', { platform: 'facebook', post_id: cells[2]!.post_id, codes: {} });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: string }).error).toMatch(/holds other posts than validation\/coder-1\.csv/);
    expect(await readFile(file, 'utf8')).not.toBe(good);
    await writeFile(file, good);
    expect((await fetch(api('coder-1'))).status).toBe(200);
  });

  it('keeps every answer when many arrive at once', async () => {
    await rm(sheetFile('coder-2'), { force: true });
    const s = await state('coder-2');
    const responses = await Promise.all(s.posts.map((p) => post('coder-2', { platform: p.platform, post_id: p.post_id, codes: machineAnswer(s, p.post_id) })));
    expect(responses.map((r) => r.status)).toEqual(s.posts.map(() => 200));
    const rows = csvRows(await readFile(sheetFile('coder-2'), 'utf8'));
    expect(rows.map((r) => r.cta_any)).toEqual(s.posts.map((p) => run.machine.get(p.post_id)!.cta_any));
  });

  it('has no coding pages for a run without a sample', async () => {
    const validation = join(run.runDir, 'validation');
    await rename(validation, `${validation}-away`);
    try {
      const runPage = await (await fetch(`${url}/runs/${run.runId}`)).text();
      expect(runPage).not.toContain('Code in the browser');
      const response = await fetch(`${url}/runs/${run.runId}/coding`, { headers: { accept: 'application/json' } });
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: string }).error).toMatch(/has no validation sample/);
    } finally {
      await rename(`${validation}-away`, validation);
    }
  });
});

describe('coding pages with a token', () => {
  let t: TestService;
  let run: SampledRun;
  beforeAll(async () => {
    t = await startTestService({ token });
    // The run is made and sampled through the service's own API, with the token.
    const bearer = { authorization: `Bearer ${token}` };
    const original = globalThis.fetch;
    globalThis.fetch = (input, init = {}) => original(input, { ...init, headers: { ...bearer, ...(init.headers as Record<string, string> | undefined) } });
    try {
      run = await runWithSample(t);
    } finally {
      globalThis.fetch = original;
    }
  }, 60_000);
  afterAll(() => t?.dispose());

  it('needs the token for the pages and the API', async () => {
    const { url } = t.service;
    expect((await fetch(`${url}/api/runs/${run.runId}/coding/coder-1`)).status).toBe(401);
    expect((await fetch(`${url}/api/runs/${run.runId}/coding/coder-1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    const page = await fetch(`${url}/runs/${run.runId}/coding/coder-1`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe(`/login?next=${encodeURIComponent(`/runs/${run.runId}/coding/coder-1`)}`);
    const authorised = await fetch(`${url}/api/runs/${run.runId}/coding/coder-1`, { headers: { authorization: `Bearer ${token}` } });
    expect(authorised.status).toBe(200);
  });
});
