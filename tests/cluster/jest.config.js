/**
 * `make test-cluster`: the tests on a real cluster (scripts/cluster.sh: PostgreSQL, Temporal's four services,
 * two workers, two APIs), which `make test` leaves out. One cluster per file, started by the file itself.
 */
module.exports = {
  testEnvironment: 'node',
  rootDir: '../..',
  roots: ['<rootDir>/tests/cluster'],
  testMatch: ['**/*.cluster.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testTimeout: 300_000,
};
