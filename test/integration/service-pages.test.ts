import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './service-harness.js';

const defaultCodebook = fileURLToPath(new URL('../../codebooks/cta-v1.yaml', import.meta.url));

describe('the codebook page and the other pages', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService();
  });
  afterAll(() => t.dispose());

  const validate = async (name: string, text: string) => {
    const body = new FormData();
    body.append('codebook', new Blob([text], { type: 'text/yaml' }), name);
    const response = await fetch(`${t.service.url}/codebook/validate`, { method: 'POST', body, headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    return (await response.json()) as { file: string; ok: boolean; problems: string[]; summary?: string };
  };

  it('shows the categories, their cues and examples', async () => {
    const page = await (await fetch(`${t.service.url}/codebook`)).text();
    expect(page).toContain('Codebook cta-v1');
    for (const column of ['cta_vote', 'cta_petition', 'cta_purchase']) expect(page).toContain(column);
    expect(page).toContain('Mobilisation');
    expect(page).toMatch(/✓ [^<]*vote/i);
  });

  it('validates an uploaded codebook and lists every problem of a bad one', async () => {
    const good = await validate('mine.yaml', await readFile(defaultCodebook, 'utf8'));
    expect(good).toMatchObject({ file: 'mine.yaml', ok: true, problems: [] });
    expect(good.summary).toMatch(/^cta-v1 .*14 categories under 5 functions/);

    const bad = await validate('../broken.yaml', 'id: x\nversion: 1\n');
    expect(bad.file).toBe('broken.yaml');
    expect(bad.ok).toBe(false);
    expect(bad.problems).toEqual(expect.arrayContaining(['missing "categories"']));

    const syntax = await validate('syntax.yaml', 'id: [unclosed\n');
    expect(syntax.ok).toBe(false);
    expect(syntax.problems[0]).toMatch(/^line \d+, column \d+: YAML syntax/);

    const html = new FormData();
    html.append('codebook', new Blob(['id: <script>alert(1)</script>\n']), 'x.yaml');
    const page = await (await fetch(`${t.service.url}/codebook/validate`, { method: 'POST', body: html, headers: { accept: 'text/html' } })).text();
    expect(page).toContain('id="validation"');
    expect(page).not.toContain('<script>alert(1)</script>');
  });

  it('answers 404 for a run that is not there, on the page and in the API', async () => {
    expect((await fetch(`${t.service.url}/runs/20200101-000000-000000`, { headers: { accept: 'text/html' } })).status).toBe(404);
    const api = await fetch(`${t.service.url}/api/runs/20200101-000000-000000`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: string }).error).toMatch(/no run/);
  });

  it('serves the runs page with the upload form, and the queue dashboard', async () => {
    const page = await (await fetch(t.service.url)).text();
    expect(page).toMatch(/<form[^>]*action="\/api\/uploads"[^>]*enctype="multipart\/form-data"/);
    expect(page).toMatch(/<input type="file" name="files" multiple/);
    const board = await fetch(`${t.service.url}/admin/queues`);
    expect(board.status).toBe(200);
    const queues = (await (await fetch(`${t.service.url}/admin/queues/api/queues`)).json()) as { queues: { name: string }[] };
    expect(queues.queues.map((q) => q.name).sort()).toEqual(['aggregate', 'code', 'ingest', 'sweep']);
  });
});
