import { createHmac, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { html, page } from './html.js';

export class InsecureBindError extends Error {
  override name = 'InsecureBindError';
}

export const minimumTokenLength = 16;
const cookieName = 'ctacode_session';

/** 127.0.0.0/8, ::1 and localhost: addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1' || bare === '::ffff:127.0.0.1';
}

/**
 * Refuses a bind address other than loopback without a token, and a token too short to resist
 * guessing. Throws InsecureBindError with the reason.
 */
export function checkBind(host: string, token: string | undefined): void {
  if (token !== undefined && token.length < minimumTokenLength) {
    throw new InsecureBindError(`CTACODE_TOKEN is too short: use at least ${minimumTokenLength} characters (e.g. openssl rand -hex 24)`);
  }
  if (!isLoopback(host) && !token) {
    throw new InsecureBindError(`refusing to listen on ${host} without CTACODE_TOKEN: anyone who can reach it could read and start runs; set CTACODE_TOKEN (at least ${minimumTokenLength} characters) or bind to 127.0.0.1`);
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const sessionValue = (token: string) => createHmac('sha256', token).update('ctacode-session-v1').digest('hex');

function cookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function authorised(request: FastifyRequest, token: string): boolean {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ') && sameSecret(header.slice(7).trim(), token)) return true;
  const session = cookie(request, cookieName);
  return session !== undefined && sameSecret(session, sessionValue(token));
}

const wantsHtml = (request: FastifyRequest) => !request.url.startsWith('/api/') && request.url !== '/metrics' && (request.headers.accept ?? '').includes('text/html');

/** Only a local path may be the place to go back to after signing in. */
const safeNext = (next: unknown) => (typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/');

/**
 * Guards every route but /healthz and the sign-in form.
 * - With a token: a bearer header or the session cookie set by the sign-in form is required.
 * - Without one (loopback only): the Host header must name a loopback address, so that a web page
 *   elsewhere cannot reach the service through DNS rebinding.
 * - Always: a form or API POST must come from the service's own pages (Origin, when sent, must match).
 */
export function installAuth(app: FastifyInstance, token: string | undefined): void {
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (!token) {
      const hostname = (request.headers.host ?? '').replace(/:\d+$/, '');
      if (!isLoopback(hostname)) return reply.code(421).type('text/plain').send('this ctacode service answers only to a loopback host name (127.0.0.1, localhost)\n');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD' && request.headers.origin) {
      let originHost = '';
      try {
        originHost = new URL(request.headers.origin).host;
      } catch {
        // not a URL: refused below
      }
      if (originHost !== request.headers.host) return reply.code(403).type('text/plain').send('cross-site request refused\n');
    }
    if (!token || path === '/healthz' || path === '/login') return;
    if (authorised(request, token)) return;
    if (wantsHtml(request)) return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
    return reply.code(401).header('www-authenticate', 'Bearer realm="ctacode"').send({ error: 'unauthorised: send Authorization: Bearer <CTACODE_TOKEN>, or sign in at /login' });
  });

  app.get('/login', async (request, reply) => {
    const { next, failed } = request.query as { next?: string; failed?: string };
    return reply.type('text/html').send(loginPage(safeNext(next), failed === '1'));
  });

  app.post('/login', async (request, reply) => {
    const body = (request.body ?? {}) as { token?: string; next?: string };
    if (!token) return reply.redirect('/', 303);
    if (typeof body.token !== 'string' || !sameSecret(body.token, token)) {
      return reply.redirect(`/login?failed=1&next=${encodeURIComponent(safeNext(body.next))}`, 303);
    }
    reply.header('set-cookie', `${cookieName}=${sessionValue(token)}; Path=/; HttpOnly; SameSite=Strict`);
    return reply.redirect(safeNext(body.next), 303);
  });

  app.get('/logout', async (_request, reply) => {
    reply.header('set-cookie', `${cookieName}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
    return reply.redirect('/login', 303);
  });
}

function loginPage(next: string, failed: boolean): string {
  return page(
    { title: 'Sign in' },
    html`<h1>Sign in</h1>
<form method="post" action="/login" class="box">
<p>This ctacode service is shared on the network: enter its token (CTACODE_TOKEN).</p>
${failed ? html`<p class="error">That token is not right.</p>` : ''}
<input type="hidden" name="next" value="${next}">
<label>Token <input type="password" name="token" autocomplete="current-password" autofocus required></label>
<input type="submit" value="Sign in"></form>`,
  );
}
