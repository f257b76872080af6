import type { Config } from 'jest';

/**
 * One jest configuration, several projects:
 * - kernels:  unit and property tests of the numeric toolkit (kernels/**)
 * - scripts:  tests of the course tools (scripts/**)
 * - chapters: the chapter tests. They import the learner's files by relative path; the
 *   course resolver redirects those imports to solutions/ or to generated stubs when
 *   COURSE_TARGET is "solutions" or "stubs".
 * - site:     browser tests of the built site (run by `npm run test:site`, after `npm run docs`)
 *
 * ts-jest runs transpile-only (isolatedModules in tsconfig.jest.json); `npm run typecheck`
 * type-checks everything once.
 */
const transform: Config['transform'] = {
  '^.+\\.m?tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
};

const common = {
  transform,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'mts', 'js', 'mjs', 'cjs', 'json'],
};

const config: Config = {
  projects: [
    {
      ...common,
      displayName: 'kernels',
      roots: ['<rootDir>/kernels'],
      testMatch: ['**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'scripts',
      roots: ['<rootDir>/scripts'],
      testMatch: ['**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'chapters',
      roots: ['<rootDir>/chapters'],
      testMatch: ['**/*.test.ts'],
      resolver: '<rootDir>/scripts/jest/course-resolver.cjs',
      // jest's node environment, plus the events that let the course's tools stop an endless loop.
      testEnvironment: '<rootDir>/scripts/jest/course-environment.cjs',
    },
    {
      ...common,
      displayName: 'site',
      roots: ['<rootDir>/docs'],
      testMatch: ['**/*.e2e.test.ts'],
    },
  ],
};

export default config;
