/*
 * Cluster tier: a run of real processes on a clustered engine (three RabbitMQ nodes, Redis with Sentinel, three
 * Elasticsearch nodes, each started on this machine by its infra/ script), one node killed mid-run; asserts nothing is
 * lost or counted twice.
 */
module.exports = {
  displayName: 'cluster',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.cluster-spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  testTimeout: 900_000,
};
