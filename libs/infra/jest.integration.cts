/*
 * The infra lib's integration tier: its Redis scripts, Elasticsearch requests and RabbitMQ connection against the real engines
 * (a 3-node RabbitMQ cluster and Redis with Sentinel started on ports of their own), for what only they decide.
 */
module.exports = {
  displayName: 'infra-integration',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
};
