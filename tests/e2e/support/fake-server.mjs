// TEST-ONLY stand-in for `shopcrm serve`, used by the browser tests ONLY when SHOPCRM_E2E_FAKE=1.
// It serves web/dist with SPA fallback and answers /healthz, /readyz and /api/v1/version the
// way the real server does, so the browser test can be developed without the C++ build.
// The real run points SHOPCRM_BASE_URL at a real `shopcrm serve`.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { createFakeApi } from './fake-api.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const API = {
  '/healthz': { status: 'ok' },
  '/readyz': { status: 'ready', database: 'sqlite' },
  '/api/v1/version': { name: 'shopcrm', version: '0.1.0' },
};

function readBody(req) {
  return new Promise((ok) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      try {
        ok(data ? JSON.parse(data) : undefined);
      } catch {
        ok(undefined);
      }
    });
  });
}

function parseCookies(header = '') {
  return Object.fromEntries(header.split(';').map((c) => c.trim().split('=')).filter((p) => p[0]).map(([k, ...v]) => [k, v.join('=')]));
}

/** Start on 127.0.0.1:<random>; resolves to { url, close }. `options` go to createFakeApi. */
export async function startFakeServer(distDir, options = {}) {
  const handleApi = createFakeApi(options);
  const root = resolve(distDir);
  await stat(join(root, 'index.html')); // fail early if the console is not built

  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const json = (status, body) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (Object.hasOwn(API, path)) return json(200, API[path]);
    if (path.startsWith('/api/')) {
      const url = new URL(req.url ?? '/', 'http://x');
      const reply = handleApi({
        method: req.method ?? 'GET',
        path,
        query: url.searchParams,
        body: await readBody(req),
        cookies: parseCookies(req.headers.cookie),
        headers: req.headers,
      });
      if (reply) {
        const headers = { ...reply.headers };
        if (reply.body === undefined) {
          res.writeHead(reply.status, headers);
          return res.end();
        }
        res.writeHead(reply.status, { 'Content-Type': 'application/json', ...headers });
        return res.end(JSON.stringify(reply.body));
      }
    }
    if (path.startsWith('/api/')) return json(404, { error: { code: 'not_found', message: 'not found' } });

    const file = normalize(join(root, path));
    if (file.startsWith(root + sep) && extname(file) !== '') {
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
        return res.end(body);
      } catch {
        if (path.startsWith('/assets/')) {
          res.writeHead(404);
          return res.end();
        }
      }
    }
    // SPA fallback
    res.writeHead(200, { 'Content-Type': TYPES['.html'] });
    res.end(await readFile(join(root, 'index.html')));
  });

  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
