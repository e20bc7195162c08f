import path from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

const webLib = path.resolve(import.meta.dirname, 'web/src/lib');

// Node resolves `graphql` to its CommonJS build (the package has no "exports"), Vite to its
// ESM build; two copies break graphql-js's instanceof checks, so tests use Node's choice.
const singleGraphql = [{ find: /^graphql$/, replacement: 'graphql/index.js' }];

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: singleGraphql },
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      // The same server suite on PostgreSQL (tests/support/test-database.ts), when a server
      // is there to run it on: CI starts one (.ci/run); without TEST_DATABASE_URL, SQLite only.
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              resolve: { alias: singleGraphql },
              test: {
                name: 'server-postgres',
                include: ['tests/server/**/*.test.ts'],
                environment: 'node',
                env: { TEST_DIALECT: 'postgres' },
                globalSetup: ['tests/support/postgres-global-setup.ts'],
                testTimeout: 30_000,
                hookTimeout: 30_000,
              },
            },
          ]
        : []),
      {
        // The shared protocol package (protocol/), and that server and web read it alike.
        resolve: { alias: singleGraphql },
        test: {
          name: 'protocol',
          include: ['tests/protocol/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // Unit tests of web/src/lib: Svelte runes compile here too, IndexedDB is faked.
        plugins: [svelte({ configFile: false, compilerOptions: { runes: true } })],
        resolve: { alias: [{ find: '$lib', replacement: webLib }, ...singleGraphql] },
        test: {
          name: 'web',
          include: ['tests/web/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias: singleGraphql },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.ts'],
          environment: 'node',
          // Real Chromium against a real server: one file at a time keeps the two cores calm.
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
