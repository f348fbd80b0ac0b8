import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline as streamPipeline } from 'node:stream/promises';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { Queue } from 'bullmq';
import { parse } from 'csv-parse';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { CodebookError } from '../codebook/codebook-error.js';
import { loadCodebook } from '../codebook/load-codebook.js';
import type { Pipeline } from '../queue/pipeline.js';
import type { Logger } from '../runtime/logger.js';
import { runLayout } from '../runs/run-layout.js';
import { newStagingDir, submitStaged, type IntakeContext } from '../service/intake.js';
import { isFinished, listRuns, runDetails, runIdPattern } from '../service/run-catalog.js';
import { addSchedule, listSchedules, removeSchedule, ScheduleError, type SweepJobData, type SweepResult } from '../service/schedules.js';
import type { ServiceFolder } from '../service/service-folder.js';
import type { ServiceStore } from '../service/service-store.js';
import { installAuth } from './auth.js';
import { runFigures } from './charts.js';
import { coderProgress } from './browser-sheet.js';
import { codingSection } from './coding-page.js';
import { registerCodingRoutes } from './coding-routes.js';
import { createMetrics } from './metrics.js';
import { codebookPage, runPage, runRow, runsPage, schedulesPage, type PageContext } from './pages.js';
import { fileInside, UnsafePathError } from './safe-file.js';
import { sanitiseFileName } from './sanitise-name.js';
import { candidateName } from '../service/move-file.js';

export interface UploadLimits {
  /** Bytes per uploaded file. */
  maxFileBytes: number;
  /** Files per upload. */
  maxFiles: number;
}

export const defaultUploadLimits: UploadLimits = { maxFileBytes: 2 * 1024 ** 3, maxFiles: 20 };

export interface ServerContext {
  folder: ServiceFolder;
  pipeline: Pipeline;
  store: ServiceStore;
  sweepQueue: Queue<SweepJobData, SweepResult>;
  intake: IntakeContext;
  log: Logger;
  token?: string;
  limits?: UploadLimits;
}

class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

const wantsHtml = (request: FastifyRequest) => (request.headers.accept ?? '').includes('text/html');

/** The web UI, the JSON API, downloads, uploads, schedules, /metrics, /healthz and bull-board. */
export async function createServer(context: ServerContext): Promise<FastifyInstance> {
  const limits = context.limits ?? defaultUploadLimits;
  const { folder, pipeline, store, log } = context;
  const app = Fastify({ logger: false, trustProxy: false, bodyLimit: 1024 * 1024 });
  const pageContext: PageContext = { signOut: Boolean(context.token), maxUploadFiles: limits.maxFiles, maxUploadMb: Math.round(limits.maxFileBytes / 1024 ** 2) };

  await app.register(formbody);
  await app.register(multipart, { limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles, fields: 20, parts: limits.maxFiles + 20 }, throwFileSizeLimit: true });
  installAuth(app, context.token);

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const status = error instanceof UnsafePathError ? 400 : (error.statusCode ?? 500);
    if (status >= 500) log.error({ url: request.url, err: error.message }, 'request failed');
    const message = status >= 500 ? 'internal error; see the service log' : error.message;
    if (wantsHtml(request)) return reply.code(status).type('text/html').send(`<!doctype html><title>${status}</title><p>${message.replace(/[&<>]/g, '')}</p><p><a href="/">Back</a></p>`);
    return reply.code(status).send({ error: message });
  });

  app.get('/healthz', async () => {
    const redis = await pipeline.connection.ping().then(
      (r) => r === 'PONG',
      () => false,
    );
    return { ok: redis, redis };
  });

  const metrics = createMetrics([pipeline.ingest, pipeline.code, pipeline.aggregate, context.sweepQueue], store);
  app.get('/metrics', async (_request, reply) => reply.type(metrics.contentType).send(await metrics.metrics()));

  // Runs
  app.get('/', async (request, reply) => {
    const { notice } = request.query as { notice?: string };
    return reply.type('text/html').send(runsPage(await listRuns(folder.runs, pipeline), pageContext, notice));
  });
  app.get('/api/runs', async (request) => {
    const runs = await listRuns(folder.runs, pipeline);
    if ((request.query as { html?: string }).html) return { runs, html: runs.map((r) => runRow(r).html).join('') };
    return { runs };
  });
  const findRun = async (id: string) => {
    const run = await runDetails(folder.runs, id, pipeline, store);
    if (!run) throw new HttpError(404, `no run ${id}`);
    return run;
  };
  app.get('/api/runs/:id', async (request) => {
    const run = await findRun((request.params as { id: string }).id);
    const { runDir: _runDir, ...rest } = run;
    return { ...rest, downloads: run.outputs.map((name) => ({ file: name, url: `/api/runs/${run.runId}/files/${encodeURIComponent(name)}` })) };
  });
  app.get('/runs/:id', async (request, reply) => {
    const run = await findRun((request.params as { id: string }).id);
    const finished = isFinished(run.status);
    const figures = finished ? await runFigures(run.runDir).catch(() => undefined) : undefined;
    const rejected = finished ? await rejectedRows(run.runDir, 100) : undefined;
    const coders = finished ? await coderProgress(run.runDir, run.runId).catch(() => undefined) : undefined;
    return reply.type('text/html').send(runPage(run, figures, rejected, pageContext, codingSection(run.runId, coders)));
  });
  // Coding a run's validation sample in the browser
  registerCodingRoutes(app, { runsDir: folder.runs, signOut: pageContext.signOut });

  const download = async (request: FastifyRequest, reply: FastifyReply) => {
    const { id, name } = request.params as { id: string; name: string };
    if (!runIdPattern.test(id)) throw new HttpError(404, `no run ${id}`);
    const runDir = join(folder.runs, id);
    const path = await fileInside(runDir, name, request.raw.url ?? '');
    if (!path) throw new HttpError(404, `run ${id} has no file ${name}`);
    const info = await stat(path);
    const type = name.endsWith('.csv') ? 'text/csv; charset=utf-8' : name.endsWith('.json') ? 'application/json' : name.endsWith('.yaml') ? 'text/yaml; charset=utf-8' : 'application/octet-stream';
    return reply
      .type(type)
      .header('content-length', info.size)
      .header('content-disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`)
      .header('x-content-type-options', 'nosniff')
      .send(createReadStream(path));
  };
  app.get('/runs/:id/files/:name', download);
  app.get('/api/runs/:id/files/:name', download);

  app.post('/runs/:id/recode', async (request, reply) => {
    const run = await findRun((request.params as { id: string }).id);
    const inputs = [];
    for (const file of run.inputs ?? []) if (file.status === 'processed' && file.movedTo && (await stat(file.movedTo).catch(() => undefined))) inputs.push(file);
    if (inputs.length === 0) throw new HttpError(409, 'none of the input files of this run is still in processed/: upload them again to code them again');
    const stagingDir = await newStagingDir(folder);
    const files = [];
    for (const file of inputs) {
      const target = join(stagingDir, uniqueIn(files.map((f) => f.name), file.name));
      await copyFile(file.movedTo, target);
      files.push({ path: target, name: target.slice(stagingDir.length + 1) });
    }
    const result = await submitStaged(context.intake, stagingDir, files, { source: 'recode', recode: true });
    if (wantsHtml(request)) return reply.redirect(`/runs/${result.runId}`, 303);
    return { runId: result.runId };
  });

  // Uploads
  app.post('/api/uploads', async (request, reply) => {
    if (!request.isMultipart()) throw new HttpError(415, 'send the files as multipart/form-data');
    const stagingDir = await newStagingDir(folder);
    const files: { path: string; name: string }[] = [];
    let recode = false;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          if (part.fieldname === 'recode') recode = part.value === '1' || part.value === 'true' || part.value === 'on';
          continue;
        }
        if (!part.filename) {
          part.file.resume();
          continue;
        }
        const name = uniqueIn(files.map((f) => f.name), sanitiseFileName(part.filename));
        const path = join(stagingDir, name);
        await streamPipeline(part.file, createWriteStream(path, { flags: 'wx' }));
        if (part.file.truncated) throw new HttpError(413, `${name} is larger than the upload limit of ${limits.maxFileBytes} bytes`);
        files.push({ path, name });
      }
    } catch (error) {
      await rm(stagingDir, { recursive: true, force: true });
      const e = error as Error & { statusCode?: number; code?: string };
      if (e.code === 'FST_FILES_LIMIT') throw new HttpError(413, `at most ${limits.maxFiles} files per upload`);
      if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw new HttpError(413, `a file is larger than the upload limit of ${limits.maxFileBytes} bytes`);
      if (e.code === 'FST_PARTS_LIMIT') throw new HttpError(413, 'too many parts in the upload');
      throw error;
    }
    if (files.length === 0) {
      await rm(stagingDir, { recursive: true, force: true });
      throw new HttpError(400, 'no files in the upload');
    }
    const result = await submitStaged(context.intake, stagingDir, files, { source: 'upload', recode }).catch(async (error: unknown) => {
      await rm(stagingDir, { recursive: true, force: true });
      throw error;
    });
    log.info({ runId: result.runId, files: files.map((f) => f.name), skipped: result.skipped.length }, 'upload taken in');
    const body = { runId: result.runId ?? null, files: result.files.map((f) => ({ name: f.name, sha256: f.sha256 })), skipped: result.skipped.map(({ name, sha256, runId }) => ({ name, sha256, runId })) };
    if (wantsHtml(request)) {
      if (result.runId) return reply.redirect(`/runs/${result.runId}`, 303);
      const first = result.skipped[0]!;
      const notice = `Not coded again: ${result.skipped.map((s) => s.name).join(', ')} had already been coded (run ${first.runId}). Tick "code again" to code them anyway.`;
      return reply.redirect(`/?notice=${encodeURIComponent(notice)}`, 303);
    }
    return reply.code(result.runId ? 201 : 200).send(body);
  });

  // Codebook
  app.get('/codebook', async (_request, reply) => reply.type('text/html').send(codebookPage(context.intake.codebook, pageContext)));
  app.post('/codebook/validate', async (request, reply) => {
    const part = await request.file({ limits: { fileSize: 5 * 1024 ** 2, files: 1 } });
    if (!part) throw new HttpError(400, 'no codebook file in the request');
    const name = sanitiseFileName(part.filename || 'codebook.yaml');
    const dir = await mkdtemp(join(tmpdir(), 'ctacode-codebook-'));
    let validation: { file: string; ok: boolean; problems: string[]; summary?: string };
    try {
      const path = join(dir, name);
      await writeFile(path, await part.toBuffer());
      try {
        const loaded = await loadCodebook(path);
        const c = loaded.compiled;
        validation = { file: name, ok: true, problems: [], summary: `${c.id} ${c.version}, ${c.categories.length} categories under ${c.functions.length} functions, languages ${c.languages.join(', ')}` };
      } catch (error) {
        if (!(error instanceof CodebookError)) throw error;
        validation = { file: name, ok: false, problems: error.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)) };
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    if (wantsHtml(request)) return reply.type('text/html').send(codebookPage(context.intake.codebook, pageContext, validation));
    return validation;
  });

  // Schedules
  const sweepSpec = (body: Record<string, string | undefined>) => ({
    ...(body.cron ? { cron: body.cron } : {}),
    ...(body.every ? { every: Number(body.every) } : {}),
    ...(body.tz ? { tz: body.tz } : {}),
    ...(body.id ? { id: body.id } : {}),
    inbox: resolve(body.inbox || folder.inbox),
  });
  app.get('/schedules', async (request, reply) => {
    const { info } = request.query as { info?: string };
    return reply.type('text/html').send(schedulesPage(await listSchedules(context.sweepQueue), folder.inbox, pageContext, info ? { info } : undefined));
  });
  app.post('/schedules', async (request, reply) => {
    try {
      const added = await addSchedule(context.sweepQueue, sweepSpec((request.body ?? {}) as Record<string, string>));
      return reply.redirect(`/schedules?info=${encodeURIComponent(`Schedule ${added.id} added.`)}`, 303);
    } catch (error) {
      if (!(error instanceof ScheduleError)) throw error;
      return reply.code(400).type('text/html').send(schedulesPage(await listSchedules(context.sweepQueue), folder.inbox, pageContext, { error: error.message }));
    }
  });
  app.post('/schedules/:id/remove', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!(await removeSchedule(context.sweepQueue, id))) return reply.code(404).type('text/html').send(schedulesPage(await listSchedules(context.sweepQueue), folder.inbox, pageContext, { error: `No schedule ${id}.` }));
    return reply.redirect(`/schedules?info=${encodeURIComponent(`Schedule ${id} removed.`)}`, 303);
  });
  app.get('/api/schedules', async () => ({ schedules: await listSchedules(context.sweepQueue) }));
  app.post('/api/schedules', async (request, reply) => {
    try {
      return reply.code(201).send(await addSchedule(context.sweepQueue, sweepSpec((request.body ?? {}) as Record<string, string>)));
    } catch (error) {
      if (error instanceof ScheduleError) throw new HttpError(400, error.message);
      throw error;
    }
  });
  app.delete('/api/schedules/:id', async (request) => {
    const { id } = request.params as { id: string };
    if (!(await removeSchedule(context.sweepQueue, id))) throw new HttpError(404, `no schedule ${id}`);
    return { removed: id };
  });

  // bull-board
  const board = new FastifyAdapter();
  board.setBasePath('/admin/queues');
  createBullBoard({ queues: [pipeline.ingest, pipeline.code, pipeline.aggregate, context.sweepQueue].map((q) => new BullMQAdapter(q)), serverAdapter: board, options: { uiConfig: { boardTitle: 'ctacode queues' } } });
  await app.register(board.registerPlugin(), { prefix: '/admin/queues' });

  return app;
}

/** `name`, or `name (2)` … when an earlier file of the same upload has it. */
function uniqueIn(taken: readonly string[], name: string): string {
  for (let attempt = 1; ; attempt++) {
    const candidate = candidateName(name, attempt);
    if (!taken.includes(candidate)) return candidate;
  }
}

/** The first `limit` rows of rejected_rows.csv, and how many there are in all (streamed). */
async function rejectedRows(runDir: string, limit: number): Promise<{ rows: Record<string, string>[]; total: number } | undefined> {
  const path = runLayout.output(runDir, 'rejected_rows.csv');
  if (!(await stat(path).catch(() => undefined))) return undefined;
  const rows: Record<string, string>[] = [];
  let total = 0;
  const parser = createReadStream(path).pipe(parse({ columns: true, bom: true, relax_column_count: true }));
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    total++;
    if (rows.length < limit) rows.push(row);
  }
  return { rows, total };
}

