import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const { originsFor } = createRequire(import.meta.url)('../../scripts/deploy/webOrigins.cjs') as {
  originsFor(stage: string, env: Record<string, string | undefined>): string[];
};

describe('the browser origins the API answers (CORS)', () => {
  it('are the local h5 server in dev, on its port', () => {
    expect(originsFor('dev', {})).toEqual(['http://127.0.0.1:10086', 'http://localhost:10086']);
    expect(originsFor('dev', { PARKLINK_WEB_PORT: '4100', PARKLINK_WEB_ORIGINS: 'http://127.0.0.1:5000' })).toEqual([
      'http://127.0.0.1:4100',
      'http://localhost:4100',
      'http://127.0.0.1:5000',
    ]);
  });

  it('are exactly the named https origins for a deployed stage', () => {
    expect(originsFor('prod', { PARKLINK_WEB_ORIGINS: 'https://yqt.example.gov.cn/, https://a.example.cn:8443' })).toEqual([
      'https://yqt.example.gov.cn',
      'https://a.example.cn:8443',
    ]);
  });

  it('stop packaging when none is named, or one is a wildcard, http or a path', () => {
    expect(() => originsFor('prod', {})).toThrow(/PARKLINK_WEB_ORIGINS/);
    for (const bad of ['*', 'http://yqt.example.gov.cn', 'https://yqt.example.gov.cn/app', 'https://*.example.cn']) {
      expect(() => originsFor('prod', { PARKLINK_WEB_ORIGINS: bad }), bad).toThrow(/https origins/);
    }
  });
});
