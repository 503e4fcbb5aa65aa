import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import prettier from 'eslint-config-prettier';

const config = [
  ...nextVitals,
  ...nextTs,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['bin/**', 'bench/**', 'scripts/**', 'tests/**', 'models/train/**'],
    rules: { 'no-console': 'off' },
  },
  {
    ignores: [
      'node_modules/**',
      '.next/**',
      'data/**',
      'public/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
      'lib/store/generated/**',
      'tests/.work/**',
      'bench/.work/**',
    ],
  },
];

export default config;
