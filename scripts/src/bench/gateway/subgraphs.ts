import { DEV_KEY_FILES } from '../../keys/dev-keys.ts';
import { SERVICES } from '../../services.ts';
import type { BenchProcess, BenchProcesses } from './bench-processes.ts';
import type { BenchPorts } from './ports.ts';
import type { BenchWorld } from './world.ts';

/**
 * The five services (four agencies and the hand-offs), each its own process over its own
 * database, as `pnpm start` runs them. They trust the development gateway key's public
 * half, which is the key all three gateways sign their per-hop tokens with.
 */
export function startSubgraphs(processes: BenchProcesses, ports: BenchPorts, world: BenchWorld): Promise<BenchProcess[]> {
  return Promise.all(
    SERVICES.map((service) =>
      processes.start(service.name, 'scripts/src/serve-subgraph.ts', [service.name], {
        ...world.env,
        PORT: String(ports.subgraphs[service.name]),
        HOST: '127.0.0.1',
        LBC_GATEWAY_JWKS_FILE: DEV_KEY_FILES.gatewayJwks,
        // Under 50 requests in flight a statement may queue behind others for long: the bench measures cost, not timeouts.
        LBC_STATEMENT_TIMEOUT_MS: '120000',
      }),
    ),
  );
}
