import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { runIdPattern } from '../service/run-catalog.js';
import { browserFolder, CodingError, coderNamePattern, coderProgress, isCoded, readCoderSheet, samplePaths, saveAnswer, type CoderSheetState } from './browser-sheet.js';
import { codersPage, codingPage } from './coding-page.js';

export interface CodingRoutesContext {
  runsDir: string;
  signOut: boolean;
}

/** The run directory of a run id from a URL; nothing else ever reaches a path. */
function runDirOf(runsDir: string, id: string): string {
  if (!runIdPattern.test(id)) throw new CodingError(404, `no run ${id}`);
  return join(runsDir, id);
}

function coderOf(name: string): string {
  if (!coderNamePattern.test(name)) throw new CodingError(400, `not a coder name: ${name}`);
  return name;
}

const stateJson = (state: CoderSheetState) => ({
  runId: state.runId,
  coder: state.coder,
  sheet: state.browserSheet,
  blankSheet: state.blankSheet,
  codebook: state.codebook,
  total: state.posts.length,
  coded: state.posts.filter(isCoded).length,
  codes: state.codes.map((c) => ({ column: c.column, label: c.label, definition: c.definition, parent: c.parent })),
  posts: state.posts.map((p) => ({ platform: p.platform, post_id: p.post_id, text: p.text, url: p.url, links: p.links, codes: Object.fromEntries(state.codes.map((c, i) => [c.column, p.codes[i] ?? null])) })),
});

/**
 * Coding the validation sample in the browser: the coders of a run's sample, a page per coder,
 * and the JSON API the page saves every answer through. Auth, the loopback Host check and the
 * Origin check of POSTs come from installAuth, as for every route.
 */
export function registerCodingRoutes(app: FastifyInstance, context: CodingRoutesContext): void {
  const params = (request: FastifyRequest) => request.params as { id: string; coder?: string };

  const coders = async (id: string) => {
    const runDir = runDirOf(context.runsDir, id);
    const list = await coderProgress(runDir, id);
    if (!list) throw new CodingError(404, `run ${id} has no validation sample (validation/sample-design.json); draw one with ctacode sample <run_dir>`);
    return list;
  };

  app.get('/runs/:id/coding', async (request, reply) => {
    const { id } = params(request);
    return reply.type('text/html').send(codersPage(id, await coders(id), context.signOut));
  });
  app.get('/api/runs/:id/coding', async (request) => ({ coders: await coders(params(request).id) }));

  app.get('/runs/:id/coding/:coder', async (request, reply) => {
    const { id, coder } = params(request);
    const state = await readCoderSheet(runDirOf(context.runsDir, id), id, coderOf(coder ?? ''));
    const asked = Number((request.query as { post?: string }).post);
    const firstUncoded = state.posts.findIndex((p) => !isCoded(p));
    const start = Number.isInteger(asked) && asked >= 1 && asked <= state.posts.length ? asked - 1 : Math.max(firstUncoded, 0);
    return reply.type('text/html').header('cache-control', 'no-store').send(codingPage(state, start, context.signOut));
  });

  app.get('/api/runs/:id/coding/:coder', async (request, reply) => {
    const { id, coder } = params(request);
    const state = await readCoderSheet(runDirOf(context.runsDir, id), id, coderOf(coder ?? ''));
    return reply.header('cache-control', 'no-store').send(stateJson(state));
  });

  app.post('/api/runs/:id/coding/:coder', async (request) => {
    // A JSON body: a form on another site cannot send one without the browser asking first (CORS).
    if (!(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) throw new CodingError(415, 'send the answer as application/json');
    const { id, coder } = params(request);
    const { state, index } = await saveAnswer(runDirOf(context.runsDir, id), id, coderOf(coder ?? ''), request.body);
    const post = state.posts[index]!;
    return {
      saved: { platform: post.platform, post_id: post.post_id, codes: Object.fromEntries(state.codes.map((c, i) => [c.column, post.codes[i] ?? null])) },
      coded: state.posts.filter(isCoded).length,
      total: state.posts.length,
      sheet: state.browserSheet,
    };
  });

  app.get('/runs/:id/coding/:coder/sheet.csv', async (request, reply) => {
    const { id, coder } = params(request);
    const runDir = runDirOf(context.runsDir, id);
    // Loading checks the coder, refuses links and a sheet changed outside the page.
    const state = await readCoderSheet(runDir, id, coderOf(coder ?? ''));
    if (!state.saved) throw new CodingError(404, `${state.coder} has saved nothing yet`);
    const body = await readFile(join(samplePaths(runDir).validationDir, browserFolder, `${state.coder}.csv`));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${state.coder}.csv"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(body);
  });
}
