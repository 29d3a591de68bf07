/**
 * The headers the h5 site is served with: the local static server uses them (browser tests run
 * under them, so a policy that breaks the app fails a test), and a deployed site's host (CDN or
 * bucket website) sets the same ones — `npm run h5:headers -- <api origin> <storage origin>`
 * prints them for a given build.
 *
 * The content security policy lets scripts come only from the site itself plus the inline boot
 * script Taro writes into index.html (allowed by its hash, computed from the file), data only from
 * the API and the storage bucket (presigned uploads and downloads), and nothing frame the site.
 */
import { createHash } from 'node:crypto';

export interface SiteOrigins {
  /** Where the client calls the API, and where presigned files are (uploads, photos, PDFs). */
  connect: string[];
}

/** sha256 sources for each inline <script> of index.html (Taro's boot script). */
export function inlineScriptHashes(indexHtml: string): string[] {
  const scripts = [...indexHtml.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1] ?? '');
  return scripts.map((code) => `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`);
}

/**
 * Taro's h5 tab bar is made of `<a href="javascript:;">` (a no-op; its click handler switches the
 * tab). 'unsafe-hashes' with that exact URL's hash allows this one no-op and no other inline code.
 */
const NO_OP_LINKS = ["'unsafe-hashes'", `'sha256-${createHash('sha256').update('javascript:;', 'utf8').digest('base64')}'`];

export function contentSecurityPolicy(indexHtml: string, origins: SiteOrigins): string {
  const remote = [...new Set(origins.connect.map((url) => new URL(url).origin))];
  return [
    "default-src 'self'",
    `script-src 'self' ${[...inlineScriptHashes(indexHtml), ...NO_OP_LINKS].join(' ')}`,
    // Taro and React set inline style attributes (sizes, positions): they need 'unsafe-inline'.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${remote.join(' ')}`.trim(),
    `connect-src 'self' ${remote.join(' ')}`.trim(),
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers that need no knowledge of the build: also set by the development server. */
export const BASE_SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // Presigned links carry their signature in the query: never send them on as a referrer.
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'geolocation=(self), camera=(), microphone=(), payment=()',
  'cross-origin-opener-policy': 'same-origin',
};

export function siteSecurityHeaders(indexHtml: string, origins: SiteOrigins): Record<string, string> {
  return { ...BASE_SECURITY_HEADERS, 'content-security-policy': contentSecurityPolicy(indexHtml, origins) };
}
