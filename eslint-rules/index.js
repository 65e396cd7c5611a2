import noIssueReferences from './no-issue-references.js';

/** The project's own lint rules, as a flat-config plugin (`lbc/<rule>`). */
export default {
  meta: { name: 'eslint-plugin-lbc' },
  rules: { 'no-issue-references': noIssueReferences },
};
