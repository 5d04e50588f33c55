// Serves the web chat page (web/, bundled into dist/web by
// scripts/build-web.mjs): GET / is index.html, GET /assets/<name> the
// bundle, the stylesheet and their maps. Nothing else: the page's paths
// never reach /api, /ws, /healthz or /readyz. Files are read on request
// (a rebuilt page is served without a restart); a server started without a
// build answers / with the API's 404 naming the build step.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { HttpError } from './errors.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/** A file name without a path or a leading dot. */
const ASSET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

/**
 * The page talks to its own origin (/api) and to whichever node
 * /api/nodes/pick names (ws: or wss:); no inline script or style, nothing
 * from another origin.
 */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws: wss:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // Small files, no hashed names: revalidate each time.
  'cache-control': 'no-cache',
};

/**
 * Where `npm run build` put the page: dist/web, seen from this file both
 * compiled (dist/src/http → dist/web) and run from source (src/http → dist/web).
 */
export function defaultWebDir(): string | null {
  for (const rel of ['../../web', '../../dist/web']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    // (from source, ../../web is the unbuilt page: it has no bundle)
    if (existsSync(join(dir, 'assets', 'app.js'))) return dir;
  }
  return null;
}

/** `dir`: where the built page is; by default dist/web, looked for until it exists. */
export function registerWebApp(app: FastifyInstance, dir?: string): void {
  let root: string | null = dir ?? null;
  const send = async (reply: FastifyReply, file: string, type: string) => {
    let body: Buffer;
    try {
      root ??= defaultWebDir();
      if (!root) throw Object.assign(new Error('no web dir'), { code: 'ENOENT' });
      body = await readFile(join(root, file));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR') {
        throw new HttpError('not_found', file === 'index.html' ? 'the web client is not built: run `npm run build`' : `no asset ${file}`);
      }
      throw err;
    }
    return reply.headers(PAGE_HEADERS).type(type).send(body);
  };

  app.get('/', (_req, reply) => send(reply, 'index.html', TYPES['.html']!));
  app.get<{ Params: { name: string } }>('/assets/:name', (req, reply) => {
    const name = req.params.name;
    const ext = name.slice(name.lastIndexOf('.'));
    const type = TYPES[ext];
    if (!ASSET_NAME.test(name) || !type) throw new HttpError('not_found', `no asset ${name.slice(0, 100)}`);
    return send(reply, join('assets', name), type);
  });
}
