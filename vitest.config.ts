import { defineConfig } from 'vitest/config';

/**
 * Two projects: unit tests sit beside the module they test and need no server, browser or
 * bundle (`npm run test:unit`); integration tests in test/ run the stages through the folder
 * store and s3rver, the CLI, the bundles and the dashboard in Chromium.
 */
export default defineConfig({
  test: {
    // s3rver encrypts listing continuation tokens with DES, which OpenSSL 3 refuses without this.
    execArgv: ['--openssl-legacy-provider'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['shared/**/*.test.ts', 'cli/**/*.test.ts', 'frontend/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['test/**/*.test.ts'], globalSetup: ['test/global-setup.ts'] },
      },
    ],
  },
});
