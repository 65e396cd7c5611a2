/**
 * Comments say why the code is as it is; an issue number says where a change came from,
 * which belongs in the commit, and goes stale once the tracker moves on.
 *
 * Reports "issue 8", "issue #8", "(#8)", "see #12", "PR 3", "GH-4" in comments. Left alone:
 * an upstream reference such as `apollographql/federation#3468` or a URL ending in
 * `/issues/12` (they point at someone else's tracker, which is how a workaround says why),
 * hex colours (`#fff`, `#336699`), numbered steps ("Stage 1"), RFC numbers, and the
 * shebang line.
 */

/** "issue 8", "issues #3", "ticket 12", "PR #5", "pull request 7", "GH-4". */
const NAMED = /\b(?:issues?|tickets?|PRs?|pull\s+requests?)\s*(?:#|no\.\s*|number\s+)?\d+\b|\bGH-\d+\b/i;

/** A bare "#8": not after a word character (`repo#12`), `&` (`&#39;`) or `/`, and not followed by letters (a hex colour or an anchor). */
const HASH = /(?<![\w&/#])#\d+(?![\w-])/g;

/** Three or six digits after `#` in a comment that talks about colour is a colour, not an issue. */
const COLOUR_CONTEXT = /colou?r|background|fill|stroke|css/i;

/**
 * Finds the first issue-number reference in a comment's text.
 * @param {string} text
 * @returns {string | undefined}
 */
export function findIssueReference(text) {
  const named = NAMED.exec(text);
  if (named) return named[0];
  for (const match of text.matchAll(HASH)) {
    const digits = match[0].length - 1;
    if ((digits === 3 || digits === 6) && COLOUR_CONTEXT.test(text)) continue;
    return match[0];
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'suggestion',
    docs: { description: 'Disallow issue or pull-request numbers in comments' },
    schema: [],
    messages: {
      issueReference: 'Comment cites "{{reference}}": say why the code is so instead; the issue number belongs in the commit message.',
    },
  },
  create(context) {
    return {
      Program() {
        for (const comment of context.sourceCode.getAllComments()) {
          if (comment.type === 'Shebang') continue;
          const reference = findIssueReference(comment.value);
          if (reference) context.report({ loc: comment.loc, messageId: 'issueReference', data: { reference } });
        }
      },
    };
  },
};

export default rule;
