import { DEV_KEY_FILES } from '../../keys/dev-keys.ts';
import type { BenchProcess, BenchProcesses } from './bench-processes.ts';

/** The bare @apollo/gateway server (bare-gateway-server.ts) as its own process, signing with the hub's development key. */
export function startBareGateway(processes: BenchProcesses, port: number, portBase: number): Promise<BenchProcess> {
  return processes.start('bare gateway', 'scripts/src/bench/gateway/bare-gateway-server.ts', [], comparisonEnv(port, portBase));
}

/** Hive Gateway (hive-gateway-server.ts) as its own process, signing with the hub's development key. */
export function startHiveGateway(processes: BenchProcesses, port: number, portBase: number): Promise<BenchProcess> {
  return processes.start('hive gateway', 'scripts/src/bench/gateway/hive-gateway-server.ts', [], comparisonEnv(port, portBase));
}

function comparisonEnv(port: number, portBase: number): NodeJS.ProcessEnv {
  return { PORT: String(port), LBC_BENCH_PORT_BASE: String(portBase), LBC_GATEWAY_PRIVATE_KEY_FILE: DEV_KEY_FILES.gatewayPrivate };
}
