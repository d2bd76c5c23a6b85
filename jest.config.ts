import type { Config } from 'jest';

/**
 * One config, several projects: all of them offline and run by `npm test`.
 * `live` tests join only when QBRIDGE_LIVE_TESTS=1 (they need a real IBM token).
 */
const tsJest: Config['transform'] = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
};

const project = (displayName: string, testMatch: string[]): Config => ({
  displayName,
  testEnvironment: 'node',
  transform: tsJest,
  testMatch,
  setupFiles: ['<rootDir>/test/setup/jest.setup.ts'],
});

const liveTests = process.env.QBRIDGE_LIVE_TESTS === '1';

const config: Config = {
  projects: [
    project('unit', ['<rootDir>/test/unit/**/*.test.ts']),
    project('contract', ['<rootDir>/test/contract/**/*.contract.test.ts']),
    project('integration', ['<rootDir>/test/integration/**/*.test.ts']),
    ...(liveTests ? [project('live', ['<rootDir>/test/live/**/*.live.test.ts'])] : []),
  ],
  testTimeout: 60_000,
  // One worker per core. Jest's default (cores − 1) leaves a 2-core machine with a single worker,
  // which runs the files one after another although many of them mostly wait on loopback HTTP,
  // retry back-offs and child processes.
  maxWorkers: '100%',
};

export default config;
