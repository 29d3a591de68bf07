/** Runs after each browser test file: nothing the pages did was blocked by the site's CSP. */
import { afterAll, expect } from 'vitest';
import { policyViolations } from './browser';

afterAll(() => {
  expect(policyViolations.join('\n'), 'blocked by the content security policy').toBe('');
});
