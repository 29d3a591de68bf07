/** The h5 client: Taro's dev server (rebuilds on edit) for `npm start`, or a built folder served as a deployed site is (serveStatic). */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import { ROOT } from './api';
import { startChild, type Child } from './processes';
import { waitFor } from './wait';
import { siteSecurityHeaders } from './securityHeaders';

export async function startWebDev(options: { port: number; apiUrl: string; wechatUrl?: string; echo?: boolean }): Promise<{ url: string; child: Child }> {
  const url = `http://127.0.0.1:${options.port}`;
  const child = startChild('web', resolve(ROOT, 'node_modules/.bin/taro'), ['build', '--type', 'h5', '--watch'], {
    cwd: resolve(ROOT, 'client'),
    env: {
      ...process.env,
      PARKLINK_WEB_PORT: String(options.port),
      TARO_APP_API_BASE: options.apiUrl,
      ...(options.wechatUrl ? { TARO_APP_DEV_WECHAT: options.wechatUrl } : {}),
      BROWSER: 'none',
    },
    ...(options.echo !== undefined ? { echo: options.echo } : {}),
  });
  try {
    await waitFor(`the h5 client on ${url}`, 180_000, async () => {
      if (child.process.exitCode !== null) throw new Error(`taro exited:\n${child.output()}`);
      const response = await fetch(url);
      if (!response.ok) throw new Error(`answered ${response.status}`);
    });
  } catch (error) {
    await child.stop();
    throw new Error(`${(error as Error).message}\n${child.output()}`);
  }
  return { url, child };
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Sent compressed when the browser accepts it (client/config/h5-first-screen.cjs writes .br and .gz beside them). */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg']);
/** Taro names built assets `name.<8 hex digits>.ext` (config/index.ts output): their content never changes under that name. */
const HASHED = /\.[0-9a-f]{8}\.[a-z0-9]+$/i;
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface Representations {
  type: string;
  cacheControl: string;
  /** The body as is, and compressed (when smaller). */
  identity: Buffer;
  br?: Buffer;
  gzip?: Buffer;
  /** Of the identity body; each encoding is its own representation (`"…-br"`). */
  etag: string;
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

async function compressed(body: Buffer): Promise<{ br?: Buffer; gzip?: Buffer }> {
  const [br, gz] = await Promise.all([
    brotli(body, {
      params: {
        [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY,
        [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    gzipAsync(body, { level: zlibConstants.Z_BEST_COMPRESSION }),
  ]);
  return { ...(br.length < body.length ? { br } : {}), ...(gz.length < body.length ? { gzip: gz } : {}) };
}

/** The encodings an Accept-Encoding header allows (`br;q=0` refuses br; `*` allows any). */
export function acceptedEncodings(header: string | string[] | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of String(header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (!name || (q !== undefined && !(Number(q.slice(2)) > 0))) continue;
    if (name === '*') ['br', 'gzip'].forEach((e) => accepted.add(e));
    else accepted.add(name === 'x-gzip' ? 'gzip' : name);
  }
  return accepted;
}

/**
 * Serves a built h5 folder on 127.0.0.1; unknown paths get index.html (the app routes itself).
 * `apiBase` swaps the API origin the build was made with (`E2E_API_PLACEHOLDER`) for this stack's
 * own, so one build serves every browser test file (building h5 takes about a minute).
 *
 * As a deployed site is served: with its security headers (scripts/local/securityHeaders.ts),
 * text compressed by Accept-Encoding (brotli, else gzip; `Vary: Accept-Encoding`) from the `.br`
 * and `.gz` files the build wrote, hashed assets cached for a year (`immutable`), index.html and
 * everything else revalidated on each load (`no-cache`, with an ETag). A file that needs the API
 * origin swapped is compressed once, before the server answers, and every file is read once.
 */
export async function serveStatic(
  dir: string,
  port: number,
  options: { apiBase?: string; /** Other origins the page may reach (storage, the fake WeChat). */ connect?: string[] } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const root = resolve(dir);
  const index = join(root, 'index.html');
  // The headers' script hashes are of index.html as served: its early script carries the API origin too.
  const swap = (text: string) => (options.apiBase ? text.replaceAll(E2E_API_PLACEHOLDER, options.apiBase) : text);
  const headers = siteSecurityHeaders(swap(readFileSync(index, 'utf8')), {
    connect: [...(options.apiBase ? [options.apiBase] : []), ...(options.connect ?? [])],
  });
  const cache = new Map<string, Promise<Representations>>();

  const load = async (file: string): Promise<Representations> => {
    const ext = extname(file);
    let identity = readFileSync(file);
    const sibling = (suffix: string) => (existsSync(file + suffix) ? readFileSync(file + suffix) : undefined);
    let variants: { br?: Buffer; gzip?: Buffer } = {};
    if (COMPRESSIBLE.has(ext)) {
      const text = (ext === '.js' || file === index) && options.apiBase ? identity.toString('utf8') : '';
      if (options.apiBase && text.includes(E2E_API_PLACEHOLDER)) {
        identity = Buffer.from(swap(text));
        variants = await compressed(identity);
      } else {
        const br = sibling('.br');
        const gz = sibling('.gz');
        // A build without them (an older one): compressed here, once.
        variants = br || gz ? { ...(br ? { br } : {}), ...(gz ? { gzip: gz } : {}) } : identity.length >= 512 ? await compressed(identity) : {};
      }
    }
    return {
      type: types[ext] ?? 'application/octet-stream',
      cacheControl: file !== index && HASHED.test(file) ? IMMUTABLE : 'no-cache',
      identity,
      ...variants,
      etag: createHash('sha256').update(identity).digest('base64url').slice(0, 22),
    };
  };
  const representations = (file: string) => {
    let entry = cache.get(file);
    if (!entry) {
      entry = load(file);
      cache.set(file, entry);
      entry.catch(() => cache.delete(file));
    }
    return entry;
  };

  // The files that carry the API origin are rewritten and compressed now, not on a first request.
  if (options.apiBase) {
    const scripts = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.js')).map((f) => join(root, f));
    const carrying = scripts.filter((f) => readFileSync(f).includes(E2E_API_PLACEHOLDER));
    await Promise.all([index, ...carrying].map(representations));
  }

  const server: Server = createServer((request, response) => {
    void (async () => {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { ...headers, allow: 'GET, HEAD' });
        return void response.end();
      }
      let path: string;
      try {
        path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
      } catch {
        response.writeHead(400, headers);
        return void response.end();
      }
      let file = join(root, path);
      if (!file.startsWith(root + sep) || !existsSync(file) || statSync(file).isDirectory()) file = index;
      const r = await representations(file);
      const accepted = acceptedEncodings(request.headers['accept-encoding']);
      const [encoding, body] = r.br && accepted.has('br') ? ['br', r.br] : r.gzip && accepted.has('gzip') ? ['gzip', r.gzip] : [undefined, r.identity];
      const etag = `"${r.etag}${encoding ? `-${encoding}` : ''}"`;
      const varies = r.br !== undefined || r.gzip !== undefined;
      const head: Record<string, string> = {
        ...headers,
        'content-type': r.type,
        'cache-control': r.cacheControl,
        etag,
        ...(varies ? { vary: 'Accept-Encoding' } : {}),
      };
      const match = String(request.headers['if-none-match'] ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
      if (match.includes(etag) || match.includes('*')) {
        response.writeHead(304, head);
        return void response.end();
      }
      response.writeHead(200, { ...head, ...(encoding ? { 'content-encoding': encoding } : {}), 'content-length': String(body.length) });
      response.end(request.method === 'HEAD' ? undefined : body);
    })().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, headers);
      response.end();
      console.error(`serveStatic ${request.url}: ${(error as Error).message}`);
    });
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolvePromise({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    );
  });
}

/** The API origin a shared test build is made with; never resolvable (`.invalid`, RFC 6761). */
export const E2E_API_PLACEHOLDER = 'http://parklink-api.e2e.invalid';
