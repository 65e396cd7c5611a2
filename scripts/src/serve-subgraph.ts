/**
 * tsx scripts/src/serve-subgraph.ts <name>: one agency subgraph as its own process, over
 * its own database. Configured from the environment, checked before anything starts:
 * PORT (default the service's port), HOST (default 127.0.0.1), <NAME>_DATABASE_URL
 * (e.g. CIVIL_AFFAIRS_DATABASE_URL; unset: an embedded PGlite directory under .data/),
 * LBC_STATEMENT_TIMEOUT_MS, and LBC_GATEWAY_JWKS_FILE, the gateway's public keys (default:
 * the development keys under .data/keys). Logs are JSON lines (pino) on stdout.
 */
import { createInternalVerifier, type InternalVerifier } from '@lbc/schema';
import { ConfigError, createLogger, databaseUrlVariable, env, guardProcess, parseEnv, startSubgraph } from '@lbc/subgraph-kit';
import type { JWK } from 'jose';
import { DEV_KEY_FILES } from './keys/dev-keys.ts';
import { openServiceDatabase } from './open-service-database.ts';
import { SERVICES, serviceNamed, type Service } from './services.ts';

const service = serviceOrExit(process.argv[2]);
const config = configOrExit(service);
const log = createLogger(service.name);
guardProcess(log);

let running: Awaited<ReturnType<typeof startSubgraph>>;
let database: Awaited<ReturnType<typeof openServiceDatabase>>;
try {
  database = await openServiceDatabase(service);
  running = await startSubgraph(service.definition, { db: database.db, verify: config.LBC_GATEWAY_JWKS_FILE, port: config.PORT, host: config.HOST });
} catch (error) {
  log.fatal({ err: error }, `${service.name} could not start`);
  process.exit(1);
}
// The launcher (scripts/src/start.ts) and the tests wait for "ready at <url>" on stdout.
log.info({ url: running.url, engine: database.engine }, `${service.name} ready at ${running.url} (${database.engine})`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop(signal));

/** Stops serving, then closes the database; a shutdown that hangs is cut short rather than waited on forever. */
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, `${service.name} stopping`);
  setTimeout(() => {
    log.error(`${service.name} did not stop within 10 s: exiting`);
    process.exit(1);
  }, 10_000).unref();
  try {
    await running.stop();
    await database.close();
    log.info(`${service.name} stopped`);
    process.exit(0);
  } catch (error) {
    log.error({ err: error }, `${service.name} did not stop cleanly`);
    process.exit(1);
  }
}

/** The service named on the command line, or a usage message and exit 1. */
function serviceOrExit(name: string | undefined): Service {
  try {
    return serviceNamed(name ?? '');
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nusage: serve-subgraph.ts <${SERVICES.map((s) => s.name).join('|')}>\n`);
    process.exit(1);
  }
}

/** The environment, checked as a whole: every bad variable named at once, exit 1, no stack trace. */
function configOrExit(of: Service) {
  try {
    return parseEnv(
      {
        PORT: env.port(of.port),
        HOST: env.host('127.0.0.1'),
        LBC_STATEMENT_TIMEOUT_MS: env.positiveInt('milliseconds', 10_000),
        LBC_GATEWAY_JWKS_FILE: env.jsonFile(DEV_KEY_FILES.gatewayJwks, (content) => gatewayVerifier(content, of.name)),
        // Read again by openServiceDatabase; checked here so a typo fails at start with the others.
        ...{ [databaseUrlVariable(of.name)]: env.postgresUrl().optional() },
      },
      process.env,
    );
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${of.name}: ${error.message}\n`);
    process.exit(1);
  }
}

/** Verifies the gateway's tokens with the public keys of a JWKS document; throws, in words, when the document is none. */
function gatewayVerifier(content: unknown, audience: string): InternalVerifier {
  const keys = (content as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0 || !keys.every((k) => k && typeof k === 'object')) throw new Error('must be a JWKS document: { "keys": [ <public JWK>, ... ] }');
  return createInternalVerifier({ keys: keys as JWK[] }, audience);
}
