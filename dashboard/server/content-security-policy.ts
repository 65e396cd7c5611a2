/**
 * The dashboard's Content-Security-Policy: everything from its own origin, nothing inline
 * (no script, no style attribute injected by hand), no remote origin, no framing. ECharts
 * draws on a <canvas>, so it needs no exception. `style-src 'self'` without
 * 'unsafe-inline': React sets styles through the CSSOM, which CSP does not restrict.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every answer of the dashboard server carries. */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': DASHBOARD_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};
