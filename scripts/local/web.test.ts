import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './ports';
import { BASE_SECURITY_HEADERS, siteSecurityHeaders } from './securityHeaders';
import { acceptedEncodings, E2E_API_PLACEHOLDER, serveStatic } from './web';

const INDEX = `<!doctype html><html><head><script>window.boot=1</script><script defer src="./js/app.0123abcd.js"></script></head><body>${'<p>padding</p>'.repeat(50)}</body></html>`;
const APP = `window.api=${JSON.stringify(E2E_API_PLACEHOLDER)};${'/* padding so that compressing pays */'.repeat(40)}`;
const PAGE = `window.page=1;${'/* a page chunk, compressed by the build */'.repeat(40)}`;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const decoded = (a: Answer) =>
  (a.headers['content-encoding'] === 'br' ? brotliDecompressSync(a.body) : a.headers['content-encoding'] === 'gzip' ? gunzipSync(a.body) : a.body).toString();

describe('serveStatic', () => {
  let dir: string;
  let site: { url: string; close(): Promise<void> };
  const api = 'http://127.0.0.1:3999';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parklink-web-'));
    mkdirSync(join(dir, 'js'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'js/app.0123abcd.js'), APP);
    // As the build writes them (client/config/h5-first-screen.cjs): marked so the test sees which is sent.
    writeFileSync(join(dir, 'js/page.89abcdef.js'), PAGE);
    writeFileSync(join(dir, 'js/page.89abcdef.js.br'), brotliCompressSync(Buffer.from(`${PAGE}/*br*/`)));
    writeFileSync(join(dir, 'js/page.89abcdef.js.gz'), gzipSync(Buffer.from(`${PAGE}/*gz*/`)));
    site = await serveStatic(dir, await freePort(), { apiBase: api });
  });
  afterAll(async () => {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the files the build compressed, by Accept-Encoding, brotli first', async () => {
    const br = await get(`${site.url}/js/page.89abcdef.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(decoded(br)).toBe(`${PAGE}/*br*/`);
    const gz = await get(`${site.url}/js/page.89abcdef.js`, { 'accept-encoding': 'gzip, br;q=0' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(decoded(gz)).toBe(`${PAGE}/*gz*/`);
    const plain = await get(`${site.url}/js/page.89abcdef.js`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.body.toString()).toBe(PAGE);
    expect(Number(plain.headers['content-length'])).toBe(Buffer.byteLength(PAGE));
  });

  it('swaps in the API origin, and compresses what it swapped', async () => {
    for (const encoding of ['br', 'gzip', 'identity']) {
      const answer = await get(`${site.url}/js/app.0123abcd.js`, { 'accept-encoding': encoding });
      expect(answer.headers['content-encoding']).toBe(encoding === 'identity' ? undefined : encoding);
      expect(decoded(answer)).toBe(APP.replaceAll(E2E_API_PLACEHOLDER, api));
    }
  });

  it('caches hashed files for a year and revalidates index.html, with an ETag for each encoding', async () => {
    const asset = await get(`${site.url}/js/app.0123abcd.js`, { 'accept-encoding': 'br' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const index = await get(`${site.url}/`, { 'accept-encoding': 'br' });
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    const etag = String(index.headers.etag);
    expect(etag).toMatch(/-br"$/);
    const again = await get(`${site.url}/`, { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect((await get(`${site.url}/`, { 'if-none-match': etag })).status).toBe(200);
  });

  it('answers unknown paths with index.html and every answer with the security headers', async () => {
    const expected = siteSecurityHeaders(INDEX, { connect: [api] });
    for (const path of ['/', '/pages/unknown', '/js/page.89abcdef.js', '/%E0%A4%A']) {
      const answer = await get(`${site.url}${path}`);
      for (const [name, value] of Object.entries({ ...BASE_SECURITY_HEADERS, ...expected })) expect(answer.headers[name]).toBe(value);
    }
    expect(decoded(await get(`${site.url}/pages/unknown`))).toBe(INDEX);
    expect((await get(`${site.url}/%E0%A4%A`)).status).toBe(400);
    expect((await get(`${site.url}/`, {}, 'POST')).status).toBe(405);
    const head = await get(`${site.url}/js/page.89abcdef.js`, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });
});

describe('acceptedEncodings', () => {
  it('reads q-values and the wildcard', () => {
    expect([...acceptedEncodings('gzip, deflate, br, zstd')]).toEqual(['gzip', 'deflate', 'br', 'zstd']);
    expect([...acceptedEncodings('br;q=0, gzip;q=0.5')]).toEqual(['gzip']);
    expect([...acceptedEncodings('*')].sort()).toEqual(['br', 'gzip']);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
  });
});
