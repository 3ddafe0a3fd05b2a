import nx from '@nx/eslint-plugin';

const DEP_CONSTRAINTS = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util'] },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:util', 'type:testing'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:util'] },
  // The browser app may share shapes and pure logic, never the server's clients.
  { sourceTag: 'scope:dashboard', onlyDependOnLibsWithTags: ['scope:shared'], notDependOnLibsWithTags: ['type:data-access'] },
];

/**
 * What the boundaries allow, everywhere; a library's integration specs may also use the test harness, and so may
 * the spec that checks the docs against the config loaders (it shares their variable extraction with tests/k8s).
 */
const BOUNDARIES = {
  enforceBuildableLibDependency: true,
  banTransitiveDependencies: true,
  // Build configuration may share the workspace's config helpers.
  allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', '^.*/tools/webpack/[\\w.-]+\\.config$'],
  depConstraints: DEP_CONSTRAINTS,
};

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/.angular', 'tmp', 'artifacts'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', BOUNDARIES],
    },
  },
  {
    files: ['**/*.int-spec.ts', '**/config/operations-doc.spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          ...BOUNDARIES,
          depConstraints: DEP_CONSTRAINTS.map((constraint) =>
            constraint.sourceTag === 'type:data-access'
              ? { ...constraint, onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'type:testing'] }
              : constraint,
          ),
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    ignores: ['**/jest.config.ts', '**/*.config.ts'],
    languageOptions: {
      parserOptions: { projectService: true },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
    },
  },
];
