/**
 * Jest runs every suite in one process against one dev server and one workflow bundle (tests/setup). The
 * scale runs (`*.scale.test.ts`, minutes each) have their own target, `make test-scale`, so `make test` stays
 * quick enough to run often.
 */
const scale = process.env.SCALE_TESTS === '1';
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: scale ? ['**/*.scale.test.ts'] : ['**/*.test.ts'],
  // tests/cluster runs on a cluster of its own (`make test-cluster`, tests/cluster/jest.config.js).
  testPathIgnorePatterns: scale ? ['/node_modules/', '/tests/cluster/'] : ['/node_modules/', '/tests/cluster/', '\\.scale\\.test\\.ts$'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  globalSetup: '<rootDir>/tests/setup/global-setup.ts',
  globalTeardown: '<rootDir>/tests/setup/global-teardown.ts',
  testTimeout: 60_000,
};
