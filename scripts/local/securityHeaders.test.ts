import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, inlineScriptHashes, siteSecurityHeaders } from './securityHeaders';

const INDEX = '<html><head><script>window.boot=1</script><script src="./js/app.js"></script></head><body></body></html>';
const hash = (code: string) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`;

describe('the h5 site’s security headers', () => {
  it('allow the inline boot script by its hash, and no script with a src is hashed', () => {
    expect(inlineScriptHashes(INDEX)).toEqual([hash('window.boot=1')]);
  });

  it('let the page reach the API and storage origins only', () => {
    const csp = contentSecurityPolicy(INDEX, { connect: ['https://api.example.cn/v1', 'https://files.example.cn'] });
    expect(csp).toContain("connect-src 'self' https://api.example.cn https://files.example.cn");
    expect(csp).toContain("img-src 'self' data: blob: https://api.example.cn https://files.example.cn");
    expect(csp).toContain(`script-src 'self' ${hash('window.boot=1')} 'unsafe-hashes' ${hash('javascript:;')}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  });

  it('add the headers that need no build', () => {
    expect(siteSecurityHeaders(INDEX, { connect: [] })).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
    });
  });
});
