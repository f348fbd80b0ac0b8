import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../../src/runtime/logger.js';
import { startService, type RunningService, type ServiceOptions } from '../../src/service/start-service.js';
import { crowdtangleCsv, type CrowdtanglePost } from '../support/crowdtangle-csv.js';
import { deleteKeys, testRedisUrl } from '../support/pipeline-harness.js';

/** Test posts: a petition call, a narration and a vote call. */
export const samplePosts: CrowdtanglePost[] = [
  { page: 'Climate Now', handle: 'climatenow', pageId: '7533944086', postId: '1016000000000000001', created: '2023-03-02 18:04:11 EST', message: 'Sign the petition to stop the new coal mine!', link: 'https://www.change.org/p/stop-the-mine' },
  { page: 'Climate Now', handle: 'climatenow', pageId: '7533944086', postId: '1016000000000000002', created: '2023-03-03 09:00:00 EST', message: 'We marched yesterday with 5,000 people. What a day.' },
  { page: 'City Party', handle: 'cityparty', pageId: '273864989376427', postId: '1016000000000000003', created: '2023-03-04 10:30:00 EST', message: 'Election day is Sunday. Go vote, and bring a friend!' },
];

export const sampleCsv = (posts: CrowdtanglePost[] = samplePosts) => crowdtangleCsv(posts);

/** A service on a free port with its own key prefix and data folder; `dispose` removes both. */
export interface TestService {
  service: RunningService;
  prefix: string;
  dataDir: string;
  /** Stops the service (if running) and starts it again on the same prefix and data folder. */
  restart(options?: Partial<ServiceOptions>): Promise<RunningService>;
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

export const fastTimings = { inbox: { pollMs: 100, settleMs: 400 }, settleIntervalMs: 150 } as const;

export async function startTestService(options: Partial<ServiceOptions> = {}): Promise<TestService> {
  const prefix = `ctacode-test-svc-${randomBytes(5).toString('hex')}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'ctacode-svc-'));
  const log = createLogger();
  const start = (extra: Partial<ServiceOptions>) => startService({ data: dataDir, port: 0, redisUrl: testRedisUrl, prefix, log, token: '', ...fastTimings, ...options, ...extra });
  let running: RunningService | undefined = await start({});
  const handle: TestService = {
    service: running,
    prefix,
    dataDir,
    async restart(extra = {}) {
      await handle.stop();
      running = await start(extra);
      handle.service = running;
      return running;
    },
    async stop() {
      await running?.close();
      running = undefined;
    },
    async dispose() {
      await handle.stop();
      await deleteKeys(prefix);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}

export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 45_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export const filesIn = (dir: string) => readdir(dir).catch(() => [] as string[]);

/** A GET with the path sent exactly as given (fetch would resolve `..` and re-encode). */
export function rawGet(url: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method: 'GET', headers: { host: `${hostname}:${port}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Runs the service commands as the `ctacode` program does (src/cli.ts registers them the same way),
 * in a child process: exit code, stdout and stderr.
 */
const cliProgram = `import { Command } from 'commander';
const { registerServiceCommands } = await import(${JSON.stringify(new URL('../../src/cli/service-commands.ts', import.meta.url).href)});
const program = new Command('ctacode');
registerServiceCommands(program);
try { await program.parseAsync(process.argv.slice(1), { from: 'user' }); } catch (error) { process.stderr.write('ctacode: ' + error.message + '\\n'); process.exitCode = 1; }`;
const cliArgs = (args: string[]) => ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', cliProgram, '--', ...args];
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

export function serviceCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, cliArgs(args), { env: { ...process.env, ...env }, cwd: projectRoot }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** The same, left running (for `ctacode worker`); stderr is collected in `output()`. */
export function spawnServiceCli(args: string[], env: Record<string, string>): { child: ChildProcess; output(): string } {
  const child = spawn(process.execPath, cliArgs(args), { env: { ...process.env, ...env }, cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}
