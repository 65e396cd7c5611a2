// Run with `pnpm -s test:lint-rules` (node --test eslint-rules/).
import { RuleTester } from 'eslint';
import { describe, it } from 'node:test';
import tseslint from 'typescript-eslint';
import rule from './no-issue-references.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
const invalid = (code, reference) => ({ code, errors: [{ messageId: 'issueReference', data: { reference } }] });

tester.run('no-issue-references', rule, {
  valid: [
    '#!/usr/bin/env node\nconst a = 1;',
    '// Stage 1 of the pipeline: who is calling.',
    '// Verifies a JWT (RFC 8725).',
    '// Composition 2.14 rejects v2.15 (apollographql/federation#3468).',
    '// Workaround for https://github.com/apollographql/federation/issues/1234',
    '// A random #fff background; the border is #336699 (colour)',
    "const heading = '#8'; // numbers in strings are code, not comments",
    '/** Two issues at once: a lost connection and a busy pool. */',
    '// Escaped quote &#39; in HTML',
    '// Jump to the #section-2 anchor',
    '// issue-free path; the 8 issuers trusted',
  ],
  invalid: [
    invalid('// The gateway no longer crashes (issue #3).', 'issue #3'),
    invalid('// See #8.', '#8'),
    invalid('/* Added for issue 8: health probes. */', 'issue 8'),
    invalid('/** Fixed in (#12) */', '#12'),
    invalid('// Issues 3 and 4 asked for this.', 'Issues 3'),
    invalid('// Follow-up to PR #41', 'PR #41'),
    invalid('// GH-7 regression', 'GH-7'),
    invalid('const x = 1; // #8 item 9', '#8'),
  ],
});
