/*
 * Kubernetes tier: every overlay of deploy/k8s rendered with `kubectl kustomize` (offline, no cluster) and checked as
 * a reviewer would: probes, resources, non-root pods, ports, probe paths and env names against the apps' config code,
 * the worker autoscaler on the pacing metric, no secret values. A few seconds.
 */
module.exports = {
  displayName: 'k8s',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.k8s-spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  testTimeout: 60_000,
};
