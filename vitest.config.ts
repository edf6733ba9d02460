import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'local/**/*.test.ts', 'cli/**/*.test.ts', 'knative/**/*.test.ts', 'test/**/*.test.ts'],
    // s3rver encrypts listing continuation tokens with DES, which OpenSSL 3 refuses without this.
    execArgv: ['--openssl-legacy-provider'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
