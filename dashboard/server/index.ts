export { startDashboardServer, DEFAULT_DIST_DIR, type DashboardServerOptions, type RunningDashboard } from './start-dashboard-server.ts';
export { DASHBOARD_CSP } from './content-security-policy.ts';
export { DEV_PRINCIPALS, type DevPrincipal } from './dev-principals.ts';
export type { MintToken } from './dev-tokens.ts';
