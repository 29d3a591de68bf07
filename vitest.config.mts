import { defineConfig } from 'vitest/config';

/**
 * One `npm test`, five tiers. Each tier is a vitest project so `vitest run --project unit` runs one.
 * Slow tiers (weapp build, e2e) run beside the fast ones; nothing here times anything.
 */
export default defineConfig({
  test: {
    // Node 20 is the project's decision; the AWS SDK's notice about 2027 releases is noise in test output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        test: {
          name: 'unit',
          // Client code that needs no Taro (pure formatting) is unit-tested here too.
          include: ['functions/src/**/*.test.ts', 'contract/src/**/*.test.ts', 'client/src/**/*.test.ts', 'scripts/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['functions/test/integration/**/*.test.ts'],
          globalSetup: ['functions/test/support/globalSetup.ts'],
          env: { LOG_LEVEL: 'silent' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'deploy',
          include: ['test/deploy/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'weapp',
          include: ['client/test/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // The h5 client is built once for all files (globalSetup.ts).
          globalSetup: ['test/e2e/globalSetup.ts'],
          // Every file also proves the site's security headers blocked nothing it needs.
          setupFiles: ['test/e2e/policyCheck.ts'],
          // One browser stack at a time: each runs DynamoDB Local and serverless-offline (2 cores here).
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 400_000,
        },
      },
    ],
  },
});
