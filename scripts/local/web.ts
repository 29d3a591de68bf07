/** The h5 client: Taro's dev server (rebuilds on edit) for `npm start`, or a built folder served as is. */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
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

/**
 * Serves a built h5 folder on 127.0.0.1; unknown paths get index.html (the app routes itself).
 * `apiBase` swaps the API origin the build was made with (`E2E_API_PLACEHOLDER`) for this stack's
 * own, so one build serves every browser test file (building h5 takes about a minute).
 */
export function serveStatic(
  dir: string,
  port: number,
  options: { apiBase?: string; /** Other origins the page may reach (storage, the fake WeChat). */ connect?: string[] } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const root = resolve(dir);
  const rewritten = new Map<string, Buffer>();
  // Served as a deployed site is: with its security headers (scripts/local/securityHeaders.ts).
  const headers = siteSecurityHeaders(readFileSync(join(root, 'index.html'), 'utf8'), {
    connect: [...(options.apiBase ? [options.apiBase] : []), ...(options.connect ?? [])],
  });
  const server: Server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    let file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    response.writeHead(200, { ...headers, 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    if (!options.apiBase || extname(file) !== '.js') return void createReadStream(file).pipe(response);
    let body = rewritten.get(file);
    if (!body) {
      body = Buffer.from(readFileSync(file, 'utf8').replaceAll(E2E_API_PLACEHOLDER, options.apiBase));
      rewritten.set(file, body);
    }
    response.end(body);
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
