/** pnpm dashboard:build: builds dashboard/dist with Vite unless it already is the build of the current sources. */
import { ensureDashboardBuild } from './ensure-dashboard-build.ts';

const started = performance.now();
const { dist, built } = await ensureDashboardBuild();
process.stdout.write(built ? `dashboard built into ${dist} (${((performance.now() - started) / 1000).toFixed(1)} s)\n` : `dashboard build is current (${dist})\n`);
