// ESLint flat config: typescript-eslint's recommended rules for every TypeScript file.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'docs/site/', '.stubs/', '.course/', '.backups/', 'coverage/', '.data/', '.stryker-tmp/', 'reports/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        performance: 'readonly',
        Buffer: 'readonly',
        WebAssembly: 'readonly',
      },
    },
    rules: {
      // Stubs keep the parameters of the exercise they describe, so unused arguments are expected.
      '@typescript-eslint/no-unused-vars': ['error', { args: 'none', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Generated stubs keep every import of their solution, even those only the removed
    // exercise bodies used; unused names there are expected, not a defect.
    files: ['chapters/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.fixtures.ts'],
    rules: { '@typescript-eslint/no-unused-vars': 'off' },
  },
  {
    files: ['kernels/**/*.ts', 'solutions/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    // One property runner in every chapter test: assertProperty prints the course's replay
    // command and the learner's own stack frames; a raw fc.assert prints neither.
    files: ['chapters/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='fc'][callee.property.name='assert']",
          message: 'run properties through assertProperty (kernels/testing), not fc.assert',
        },
      ],
    },
  },
);
