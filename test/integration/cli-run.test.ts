import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIsCurrent, compiledCli } from '../../bin/current-build.js';
import { codingNodeFlags } from '../../src/runtime/node-settings.js';
import { deleteKeys, testRedisUrl } from '../support/pipeline-harness.js';

const run = promisify(execFile);
const bin = new URL('../../bin/ctacode.js', import.meta.url).pathname;
const prefix = `ctacode-test-cli-${process.pid}`;

async function ctacode(args: string[], dataDir: string, redisUrl = testRedisUrl, { entry = [bin], env = {} }: { entry?: string[]; env?: Record<string, string> } = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [...entry, ...args, '--data', dataDir], {
      env: { ...process.env, REDIS_URL: redisUrl, CTACODE_PREFIX: prefix, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

// One data folder and key prefix for the whole file, removed at its end.
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ctacode-cli-'));
});
afterAll(async () => {
  await deleteKeys(prefix);
  await rm(dataDir, { recursive: true, force: true });
});

describe('ctacode run (the command)', () => {
  it('codes the shipped examples and prints the run directory as its last line', async () => {
    const { code, stdout, stderr } = await ctacode(['run', 'examples/'], dataDir);
    expect(code, stderr).toBe(0);
    const lines = stdout.trim().split('\n');
    const runDir = lines.at(-1)!;
    expect(runDir.startsWith(join(dataDir, 'runs'))).toBe(true);
    expect(stderr).toMatch(/coded \d+ posts from 2 files/);
    expect(stdout + stderr).not.toMatch(/dotenv|injecting env/i);
    const manifest = JSON.parse(await readFile(join(runDir, 'manifest.json'), 'utf8')) as { status: string };
    expect(manifest.status).toBe('completed');
    expect(await readFile(join(dataDir, 'logs', 'ctacode.log'), 'utf8')).toContain('"msg":"run submitted"');
  });

  it('exits non-zero with a one-line reason naming a file it cannot code', async () => {
    const bad = join(dataDir, 'not-an-export.csv');
    await writeFile(bad, '');
    const { code, stdout, stderr } = await ctacode(['run', bad], dataDir);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n').at(-1)).toMatch(/^ctacode: run failed: .*not-an-export\.csv: the file is empty/);
    expect(stdout.trim().split('\n')).toHaveLength(1);
  });

  it('names the line of a broken codebook, before saying that Redis does not answer', async () => {
    const broken = join(dataDir, 'broken.yaml');
    await writeFile(broken, 'id: x\ncategories: [a, b\nversion: 1.0.0\n');
    // The workers start while the codebook is checked; whichever fails, the codebook is what is named.
    for (const redisUrl of [testRedisUrl, 'redis://127.0.0.1:1']) {
      const { code, stdout, stderr } = await ctacode(['run', '--codebook', broken, 'examples/', '--workers', '2'], dataDir, redisUrl);
      expect(code).toBe(1);
      expect(stderr.trim().split('\n').at(-1)).toMatch(/^ctacode: .*broken\.yaml: line 3, column 1: YAML syntax: /);
      expect(stdout).toBe('');
    }
  });

  it('says which input is missing without touching Redis, and ends the coding threads it had started', async () => {
    // With --workers 2 a coding thread starts before the inputs are looked at: the process would not end while it ran.
    for (const workers of ['1', '2']) {
      const { code, stderr } = await ctacode(['run', join(dataDir, 'nope.csv'), '--workers', workers], dataDir);
      expect(code).toBe(1);
      expect(stderr.trim()).toMatch(/^ctacode: .*nope\.csv: no such file or folder$/);
    }
  });
});

describe('bin/ctacode.js run as a program (as npx runs it)', () => {
  it('starts Node with the settings of its first line: V8 collecting without helper threads and not before 96 MB, two malloc arenas', async () => {
    // A module Node loads before ctacode's own, which reports how the process was started.
    const report = `data:text/javascript,${encodeURIComponent("process.stderr.write(JSON.stringify({ argv: process.execArgv, arenas: process.env.MALLOC_ARENA_MAX }) + '\\n')")}`;
    const { stdout, stderr } = await run(bin, ['--version'], { env: { ...process.env, NODE_OPTIONS: `--import=${report}` } });
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const started = JSON.parse(stderr.trim().split('\n')[0]!) as { argv: string[]; arenas?: string };
    expect(started.argv).toContain('--single-threaded-gc');
    expect(started.argv).toContain('--initial-old-space-size=96');
    expect(started.arenas).toBe('2');
  });
});

// npm ci builds it (the prepare script); a tree edited since has none that is current, and runs its sources.
describe.skipIf(!buildIsCurrent())('the compiled code in .cache/js, which bin/ctacode.js runs while it is current', () => {
  const compiled = [...codingNodeFlags, fileURLToPath(compiledCli)];

  it('codes the examples in a coding thread and the link thread exactly as the sources do', async () => {
    // Batches of two posts, so that the coding thread gets some; the link thread at any size.
    const args = ['run', 'examples/', '--workers', '2', '--batch-size', '2'];
    const env = { CTACODE_LINK_THREAD_MIN_ROWS: '0' };
    const fromBuild = await ctacode(args, join(dataDir, 'compiled'), testRedisUrl, { entry: compiled, env });
    const fromSources = await ctacode(args, join(dataDir, 'sources'), testRedisUrl, { env: { ...env, CTACODE_RUN_SOURCES: '1' } });
    expect(fromBuild.code, fromBuild.stderr).toBe(0);
    expect(fromSources.code, fromSources.stderr).toBe(0);
    const log = await readFile(join(dataDir, 'compiled', 'logs', 'ctacode.log'), 'utf8');
    expect(log).not.toMatch(/coding thread (failed|exited)/);
    const [a, b] = [fromBuild.stdout.trim().split('\n').at(-1)!, fromSources.stdout.trim().split('\n').at(-1)!];
    for (const name of ['coded_posts.csv', 'accounts.csv', 'periods.csv', 'alliances.csv', 'network_edges.csv', 'network.gexf', 'rejected_rows.csv', 'data_dictionary.csv']) {
      expect(await readFile(join(a, name), 'utf8'), name).toBe(await readFile(join(b, name), 'utf8'));
    }
  });

  it('starts worker processes from the compiled code', async () => {
    const worker = spawn(process.execPath, [...compiled, 'worker', '--concurrency', '1', '--data', join(dataDir, 'worker')], {
      env: { ...process.env, REDIS_URL: testRedisUrl, CTACODE_PREFIX: prefix },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    worker.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    worker.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const logFile = join(dataDir, 'worker', 'logs', 'ctacode.log');
    for (let waited = 0; !(await readFile(logFile, 'utf8').catch(() => '')).includes('workers started') && waited < 30_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    worker.kill('SIGTERM');
    const [code] = (await once(worker, 'exit')) as [number | null];
    expect(code, output).toBe(0);
    expect(await readFile(logFile, 'utf8'), output).toContain('workers started');
  }, 60_000);
});
