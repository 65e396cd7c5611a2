/**
 * tsx scripts/src/bench/gateway/hive-gateway-server.ts: Hive Gateway on the bench's
 * supergraph, served by node:http. Its runtime is loaded by absolute path from the bench's
 * cache folder (hive-install.ts), never from the workspace. One plugin does what the bare
 * gateway does: verify the caller's token once per request (bench-caller.ts) and put the
 * per-hop token on each subgraph request (hop-signer.ts). Besides, only its logging and
 * its connections to the subgraphs are set (see below).
 * Environment: PORT, LBC_BENCH_PORT_BASE (where the subgraphs are), LBC_GATEWAY_PRIVATE_KEY_FILE.
 */
import { Agent, createServer, type RequestListener } from 'node:http';
import { pathToFileURL } from 'node:url';
import { CallerRefused, createCallerReader, type BenchCaller } from './bench-caller.ts';
import { benchSupergraphSdl } from './bench-supergraph.ts';
import { HIVE_ENTRY } from './hive-install.ts';
import { createHopSigner } from './hop-signer.ts';

/**
 * The little of the runtime's API the bench uses. Written out here because the runtime is
 * not installed where the type checker looks (it is no dependency of the workspace).
 */
interface HiveRuntimeModule {
  createGatewayRuntime(config: Record<string, unknown>): RequestListener & { dispose(): Promise<void> | void };
}
interface SubgraphExecutePayload {
  subgraphName: string;
  executionRequest: { context?: { benchCaller?: BenchCaller }; extensions?: { headers?: Record<string, string> } & Record<string, unknown> };
}
interface ContextBuildingPayload {
  context: { request: Request };
  extendContext(extension: { benchCaller: BenchCaller }): void;
}

const port = Number(process.env.PORT);
const sign = await createHopSigner(process.env.LBC_GATEWAY_PRIVATE_KEY_FILE!);
const readCaller = createCallerReader();
const hive = (await import(pathToFileURL(HIVE_ENTRY).href)) as HiveRuntimeModule;

const hopTokens = {
  /** Once per request, before execution: who asks and why; a refusal becomes the response's error. */
  async onContextBuilding({ context, extendContext }: ContextBuildingPayload): Promise<void> {
    try {
      extendContext({ benchCaller: await readCaller(context.request.headers.get('authorization') ?? undefined, context.request.headers.get('x-lbc-purpose') ?? undefined) });
    } catch (error) {
      if (error instanceof CallerRefused) throw new Error(error.message, { cause: error });
      throw error;
    }
  },
  /**
   * Every subgraph fetch: a token signed for that subgraph alone, as the hub's forward step
   * signs it. Set here, as headers of the subgraph request (the way Hive's own header
   * propagation does it), not in onFetch: Hive merges identical subgraph requests in flight,
   * keyed by their headers as known before onFetch runs. A token set in onFetch would let
   * concurrent identical requests — of different callers too — share one subgraph answer,
   * fetched on the first caller's token: skipped work the other gateways do, and a wrong
   * answer for a hub whose subgraphs answer each caller by its own jurisdiction.
   */
  async onSubgraphExecute({ subgraphName, executionRequest }: SubgraphExecutePayload): Promise<void> {
    const caller = executionRequest.context?.benchCaller;
    if (!caller) return; // no request behind it (nothing else executes with a static supergraph)
    const token = await sign(caller, subgraphName);
    const extensions = (executionRequest.extensions ??= {});
    extensions.headers = { ...extensions.headers, authorization: `Bearer ${token}`, 'x-request-id': caller.requestId };
  },
};

/**
 * Hive fetches over node:http. Node's default agent drops an idle connection on a timer a
 * second before the subgraphs' 5 s keep-alive timeout; with 50 requests in flight the
 * event loop runs that late, a connection the subgraph has just closed is reused, and the
 * fetch fails with "socket hang up" (seen in this bench). Idle connections are dropped
 * after one second instead, which the steady traffic of a run never leaves them. The hub
 * and the bare gateway fetch with Node's fetch, whose pool did not show the race.
 */
const subgraphAgent = new Agent({ keepAlive: true, timeout: 1000 });

const gateway = hive.createGatewayRuntime({
  supergraph: benchSupergraphSdl(Number(process.env.LBC_BENCH_PORT_BASE)),
  graphqlEndpoint: '/graphql',
  plugins: () => [hopTokens],
  // Quiet and plain, like the bare gateway: no request logs, no landing page or GraphiQL,
  // and errors passed through unmasked so that a failing check says why.
  logging: false,
  landingPage: false,
  graphiql: false,
  maskedErrors: false,
  customAgent: () => subgraphAgent,
});

const server = createServer(gateway);
server.listen(port, '127.0.0.1', () => console.log(`hive gateway ready at http://127.0.0.1:${port}/graphql`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => void Promise.resolve(gateway.dispose()).then(() => process.exit(0))));
