// ESLint: the recommended JavaScript and TypeScript rules everywhere, React's hook rules in the
// window (and a table only in its frame, TableScroll), and two of our own
// (scripts/eslint-rules.mjs): every eslint-disable says why, and no line is over 160 characters.
// Formatting is Prettier's job, layering is scripts/check-layers.ts and unused code is knip's;
// `npm run lint` (scripts/lint.mjs) runs them all.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { localRules } from './scripts/eslint-rules.mjs';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'release', '.tmp', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { worksbook: localRules },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
      'worksbook/disable-needs-reason': 'error',
      'worksbook/max-line-length': ['error', 160],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // One way to show a table: in its frame, which scrolls it sideways when the window is narrow.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "JSXElement[openingElement.name.name='table']:not(JSXElement[openingElement.name.name='TableScroll'] > JSXElement)",
          message:
            'Put a table in <TableScroll> (components/TableScroll.tsx), so a narrow window scrolls it, not the page.',
        },
        // One way to style: a class in a stylesheet (scripts/check-styles.ts holds where it lives).
        // An inline style is for a value worked out as the screen runs (a progress bar's width).
        {
          selector:
            "JSXAttribute[name.name='style'] > JSXExpressionContainer > ObjectExpression:not(:has(Property[value.type!='Literal']))",
          message: 'A fixed style goes in a stylesheet as a class, not inline (the stylesheet check says which file).',
        },
      ],
    },
  },
);
