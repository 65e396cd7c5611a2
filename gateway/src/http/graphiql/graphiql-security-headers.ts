/**
 * Content-Security-Policy of the GraphiQL page: default deny, everything from the hub's
 * own origin, no inline script, no eval. The exceptions are what GraphiQL 4.1.2 needs,
 * found in a real browser (gateway/test/graphiql-offline.test.ts opens its dialogs):
 * - fonts and icons are inlined in its stylesheet as data: URLs;
 * - its dialogs lock page scrolling with one injected <style> (react-remove-scroll-bar),
 *   allowed by the hash of its exact text. The text holds the scrollbar gap, which is 0 on
 *   this page (the body never scrolls), so the hash holds on every browser; after an
 *   upgrade the test names the new hash if the text changed.
 * Images in schema descriptions (markdown) from other hosts are refused on purpose.
 */
export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'sha256-nzTgYzXYDNe6BAHiiI7NNlfK8n/auuOAhh2t92YvuXo='",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every GraphiQL response carries, page and assets alike. */
export const GRAPHIQL_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': GRAPHIQL_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};
