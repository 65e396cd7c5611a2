/**
 * The dashboard as a process: LBC_DASHBOARD_PORT (default 4010), HOST (default 127.0.0.1;
 * 0.0.0.0 in a container), LBC_GATEWAY_URL (default http://127.0.0.1:4000/graphql),
 * LBC_DASHBOARD_DEV_TOKENS=1 for the development sign-in.
 * Serves dashboard/dist: build it first with `pnpm dashboard:build`.
 */
import { startDashboardServer } from './start-dashboard-server.ts';

const port = Number(process.env.LBC_DASHBOARD_PORT ?? 4010);
const gatewayUrl = process.env.LBC_GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
const devTokens = process.env.LBC_DASHBOARD_DEV_TOKENS === '1';
const host = process.env.HOST ?? '127.0.0.1';

try {
  const dashboard = await startDashboardServer({ port, host, gatewayUrl, devTokens });
  process.stdout.write(`dashboard ready at ${dashboard.url}${devTokens ? ' (development sign-in enabled)' : ''}\n`);
  const stop = () => void dashboard.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
