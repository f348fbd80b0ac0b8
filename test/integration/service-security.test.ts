import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkBind, InsecureBindError } from '../../src/server/auth.js';
import { sanitiseFileName } from '../../src/server/sanitise-name.js';
import { startService } from '../../src/service/start-service.js';
import { testRedisUrl } from '../support/pipeline-harness.js';
import { filesIn, rawGet, sampleCsv, startTestService, waitFor, type TestService } from './service-harness.js';

const token = 'a-test-token-0123456789abcdef';
const runId = '20260101-000000-abcdef';

describe('the service refuses to be exposed without a token', () => {
  it('binds loopback without a token, anything else only with one of 16 characters or more', async () => {
    expect(() => checkBind('127.0.0.1', undefined)).not.toThrow();
    expect(() => checkBind('::1', undefined)).not.toThrow();
    expect(() => checkBind('localhost', undefined)).not.toThrow();
    expect(() => checkBind('0.0.0.0', undefined)).toThrow(InsecureBindError);
    expect(() => checkBind('192.168.1.20', undefined)).toThrow(/refusing to listen on 192\.168\.1\.20 without CTACODE_TOKEN/);
    expect(() => checkBind('::', undefined)).toThrow(InsecureBindError);
    expect(() => checkBind('0.0.0.0', 'short')).toThrow(/too short/);
    expect(() => checkBind('0.0.0.0', token)).not.toThrow();
    // The whole service stops before it listens, opens Redis or creates folders.
    await expect(startService({ host: '0.0.0.0', port: 0, token: '', redisUrl: testRedisUrl, data: '/nonexistent/never-created' })).rejects.toThrow(InsecureBindError);
  });
});

describe('downloads serve only files of the run directory', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService();
    const { folder } = t.service;
    const runDir = join(folder.runs, runId);
    await mkdir(join(runDir, '.work'), { recursive: true });
    await writeFile(join(runDir, 'coded_posts.csv'), 'post_id\n1\n');
    await writeFile(join(runDir, '.work', 'part.jsonl'), '{}\n');
    await writeFile(join(t.dataDir, 'secret.txt'), 'SECRET');
    await symlink(join(t.dataDir, 'secret.txt'), join(runDir, 'linked.csv'));
  });
  afterAll(() => t.dispose());

  it('serves a file of the run', async () => {
    const ok = await rawGet(t.service.url, `/runs/${runId}/files/coded_posts.csv`);
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('post_id\n1\n');
    expect((await rawGet(t.service.url, `/api/runs/${runId}/files/coded_posts.csv`)).status).toBe(200);
  });

  it.each([
    ['.. as the name', `/runs/${runId}/files/..`, 400],
    ['an encoded ../', `/runs/${runId}/files/..%2Fsecret.txt`, 400],
    ['an encoded ../../', `/runs/${runId}/files/..%2F..%2Fsecret.txt`, 400],
    ['encoded dots and slash', `/runs/${runId}/files/%2e%2e%2fsecret.txt`, 400],
    ['an encoded backslash', `/runs/${runId}/files/..%5Csecret.txt`, 400],
    ['an encoded absolute path', `/runs/${runId}/files/%2Fetc%2Fpasswd`, 400],
    ['a NUL byte', `/runs/${runId}/files/coded_posts.csv%00.txt`, 400],
    ['a hidden folder', `/runs/${runId}/files/.work`, 400],
    ['a symlink out of the run', `/runs/${runId}/files/linked.csv`, 400],
    ['a run id with dots', `/runs/..%2F..%2F/files/secret.txt`, 404],
    ['a run id that is not one', `/runs/not-a-run/files/coded_posts.csv`, 404],
    ['a raw ../ in the path', `/runs/${runId}/files/../../../secret.txt`, 404],
    ['a double-encoded ../', `/runs/${runId}/files/%252e%252e%252fsecret.txt`, 404],
    ['a file that is not there', `/runs/${runId}/files/nothing.csv`, 404],
  ])('refuses %s', async (_what, path, status) => {
    const response = await rawGet(t.service.url, path);
    expect(response.status).toBe(status);
    expect(response.body).not.toContain('SECRET');
  });
});

describe('a token guards every page, the API and the dashboard', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ token });
  });
  afterAll(() => t.dispose());

  it('asks for the token everywhere but /healthz', async () => {
    const { url } = t.service;
    for (const path of ['/api/runs', '/api/schedules', '/metrics', `/runs/${runId}/files/coded_posts.csv`, '/admin/queues/api/queues']) {
      const response = await fetch(`${url}${path}`, { headers: { accept: 'application/json' } });
      expect(response.status, path).toBe(401);
    }
    for (const path of ['/', '/codebook', '/schedules', '/admin/queues']) {
      const response = await fetch(`${url}${path}`, { headers: { accept: 'text/html' }, redirect: 'manual' });
      expect(response.status, path).toBe(303);
      expect(response.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
    const upload = new FormData();
    upload.append('files', new Blob([sampleCsv()]), 'a.csv');
    expect((await fetch(`${url}/api/uploads`, { method: 'POST', body: upload })).status).toBe(401);
    expect((await fetch(`${url}/api/runs`, { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(401);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('lets in a bearer header, and a cookie after the sign-in form', async () => {
    const { url } = t.service;
    expect((await fetch(`${url}/api/runs`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

    const wrong = await fetch(`${url}/login`, { method: 'POST', body: new URLSearchParams({ token: 'nope', next: '/' }), redirect: 'manual' });
    expect(wrong.headers.get('location')).toMatch(/^\/login\?failed=1/);
    expect(wrong.headers.get('set-cookie')).toBeNull();

    const login = await fetch(`${url}/login`, { method: 'POST', body: new URLSearchParams({ token, next: '//evil.example/' }), redirect: 'manual' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/');
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(token);
    const session = cookie.split(';')[0]!;
    for (const path of ['/', '/codebook', '/schedules', '/admin/queues', '/api/runs']) {
      expect((await fetch(`${url}${path}`, { headers: { cookie: session } })).status, path).toBe(200);
    }
  });
});

describe('requests from elsewhere', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService();
  });
  afterAll(() => t.dispose());

  it('answers only to a loopback host name without a token (DNS rebinding), and refuses cross-site posts', async () => {
    const rebound = await rawGet(t.service.url, '/api/runs', { host: 'attacker.example:8484' });
    expect(rebound.status).toBe(421);
    const crossSite = await fetch(`${t.service.url}/schedules`, { method: 'POST', headers: { origin: 'http://attacker.example' }, body: new URLSearchParams({ cron: '* * * * *', inbox: '/' }) });
    expect(crossSite.status).toBe(403);
    expect(((await (await fetch(`${t.service.url}/api/schedules`)).json()) as { schedules: unknown[] }).schedules).toEqual([]);
  });
});

describe('uploads', () => {
  let t: TestService | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  const form = (files: [string, string][]) => {
    const body = new FormData();
    for (const [name, content] of files) body.append('files', new Blob([content], { type: 'text/csv' }), name);
    return body;
  };

  it('refuses more files, or larger files, than the limits, and keeps nothing of them', async () => {
    t = await startTestService({ limits: { maxFiles: 2, maxFileBytes: 4000 } });
    const { url, folder } = t.service;
    const tooMany = await fetch(`${url}/api/uploads`, { method: 'POST', body: form([['a.csv', 'x'], ['b.csv', 'y'], ['c.csv', 'z']]) });
    expect(tooMany.status).toBe(413);
    expect(((await tooMany.json()) as { error: string }).error).toMatch(/at most 2 files/);
    const tooLarge = await fetch(`${url}/api/uploads`, { method: 'POST', body: form([['big.csv', 'x'.repeat(5000)]]) });
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { error: string }).error).toMatch(/upload limit of 4000 bytes/);
    expect(await filesIn(folder.incoming)).toEqual([]);
    expect(await filesIn(folder.runs)).toEqual([]);
    const none = await fetch(`${url}/api/uploads`, { method: 'POST', body: new FormData() });
    expect(none.status).toBeGreaterThanOrEqual(400);
  });

  it('sanitises file names and never overwrites: same names in one upload, or already in processed/', async () => {
    t = await startTestService();
    const { url, folder } = t.service;
    await writeFile(join(folder.processed, 'evil_script_.csv'), 'an older file of the same name');
    const csv = sampleCsv();
    const other = csv.replace(/101600000000000000/g, '404600000000000000');
    const response = await fetch(`${url}/api/uploads`, { method: 'POST', body: form([['../../evil<script>.csv', csv], ['evil<script>.csv', other]]), headers: { accept: 'application/json' } });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { runId: string; files: { name: string }[] };
    expect(body.files.map((f) => f.name)).toEqual(['evil_script_.csv', 'evil_script_ (2).csv']);
    await waitFor('the upload settled', async () => (await filesIn(folder.processed)).length === 3);
    expect((await filesIn(folder.processed)).sort()).toEqual(['evil_script_ (2) (2).csv', 'evil_script_ (2).csv', 'evil_script_.csv']);
    expect(await readFile(join(folder.processed, 'evil_script_.csv'), 'utf8')).toBe('an older file of the same name');
    expect(await filesIn(t.dataDir)).not.toContain('evil_script_.csv');

    // The same content again is not coded twice unless asked.
    const again = await fetch(`${url}/api/uploads`, { method: 'POST', body: form([['again.csv', csv]]) });
    expect(again.status).toBe(200);
    expect((await again.json()) as object).toMatchObject({ runId: null, skipped: [{ name: 'again.csv', runId: body.runId }] });
    const asked = form([['again.csv', csv]]);
    asked.append('recode', '1');
    const recoded = await fetch(`${url}/api/uploads`, { method: 'POST', body: asked });
    expect(recoded.status).toBe(201);
  });

  it('names are reduced to a safe last path component', () => {
    expect(sanitiseFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitiseFileName('C:\\Users\\me\\export.csv')).toBe('export.csv');
    expect(sanitiseFileName('.hidden.csv')).toBe('hidden.csv');
    expect(sanitiseFileName('a\u0000b\nc.csv')).toBe('abc.csv');
    expect(sanitiseFileName('Überblick März (1).csv')).toBe('Überblick März (1).csv');
    expect(sanitiseFileName('$(rm -rf ~).csv')).toBe('_(rm -rf _).csv');
    expect(sanitiseFileName('..')).toBe('upload');
    expect(sanitiseFileName(`${'x'.repeat(300)}.csv`)).toHaveLength(120);
  });
});
