/**
 * tsx scripts/src/bench/gateway/bare-gateway-server.ts: the bench's baseline, a bare
 * @apollo/gateway behind the least a Node HTTP server must do to let the subgraphs answer:
 * read the JSON body, verify the caller's token (bench-caller.ts), parse and validate the
 * operation, run the gateway's executor, and sign the per-hop token on every subgraph fetch
 * (hop-signer.ts). No authorization, no limits, no audit, no logging per request.
 * Environment: PORT, LBC_BENCH_PORT_BASE (where the subgraphs are), LBC_GATEWAY_PRIVATE_KEY_FILE.
 */
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { Kind, parse, validate, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createCallerReader, CallerRefused, type BenchCaller } from './bench-caller.ts';
import { benchSupergraphSdl } from './bench-supergraph.ts';
import { createHopSigner, type HopSigner } from './hop-signer.ts';

type Executor = NonNullable<Awaited<ReturnType<ApolloGateway['load']>>['executor']>;
type DataSourceOptions = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource<BenchCaller>>[0]>;

/** A subgraph fetch that carries a gateway-signed token for that subgraph, as the hub's does. */
class HopSigningDataSource extends RemoteGraphQLDataSource<BenchCaller> {
  constructor(
    private readonly subgraph: string,
    private readonly sign: HopSigner,
    options: DataSourceOptions,
  ) {
    super(options);
  }

  override async willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<BenchCaller>['willSendRequest']>>[0]): Promise<void> {
    // Only the executor fetches here, always with a request's caller as its context.
    const caller = context as BenchCaller;
    request.http!.headers.set('authorization', `Bearer ${await this.sign(caller, this.subgraph)}`);
    request.http!.headers.set('x-request-id', caller.requestId);
  }
}

/** The executor's cache slot: @apollo/gateway keeps its query plans in a store of its own. */
const NO_CACHE = { get: async () => undefined, set: async () => undefined, delete: async () => undefined };

const port = Number(process.env.PORT);
const sign = await createHopSigner(process.env.LBC_GATEWAY_PRIVATE_KEY_FILE!);
const readCaller = createCallerReader();
const gateway = new ApolloGateway({
  supergraphSdl: benchSupergraphSdl(Number(process.env.LBC_BENCH_PORT_BASE)),
  // Node's own fetch, which the hub's subgraph fetcher uses too: the comparison is of the gateways, not of HTTP clients.
  buildService: ({ name, url }) => new HopSigningDataSource(name, sign, { url: url!, fetcher: fetch as unknown as DataSourceOptions['fetcher'] }),
});
const loaded = await gateway.load();
const schema = loaded.schema;
const executor: Executor = loaded.executor!;

const server = createServer((req, res) => void answer(req, res));
server.listen(port, '127.0.0.1', () => console.log(`bare gateway ready at http://127.0.0.1:${port}/graphql`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => void gateway.stop().then(() => process.exit(0))));

/** One POST /graphql: status 200 with the executor's result, or a plain JSON error. */
async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    if (req.method !== 'POST' || req.url !== '/graphql') return send(res, 404, { errors: [{ message: 'POST /graphql only' }] });
    const caller = await readCaller(req.headers.authorization, header(req, 'x-lbc-purpose'));
    const body = JSON.parse(await readBody(req)) as { query?: unknown; variables?: Record<string, unknown> | null; operationName?: string | null };
    if (typeof body.query !== 'string') return send(res, 400, { errors: [{ message: '"query" must be a string' }] });
    const document = parse(body.query);
    const problems = validate(schema, document);
    if (problems.length) return send(res, 400, { errors: problems.map((p) => ({ message: p.message })) });
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!body.operationName || d.name?.value === body.operationName));
    if (!operation) return send(res, 400, { errors: [{ message: 'no such operation' }] });
    const result = await executor(requestContext(caller, document, operation, body.query, body.variables ?? {}));
    send(res, 200, { data: result.data ?? null, ...(result.errors?.length ? { errors: result.errors } : {}) });
  } catch (error) {
    send(res, error instanceof CallerRefused ? error.status : 500, { errors: [{ message: (error as Error).message }] });
  }
}

/**
 * The request as @apollo/gateway's executor reads it: what Apollo Server would otherwise
 * assemble. Its query plans are cached by `queryHash` inside the gateway.
 */
function requestContext(caller: BenchCaller, document: DocumentNode, operation: OperationDefinitionNode, source: string, variables: Record<string, unknown>): Parameters<Executor>[0] {
  const operationName = operation.name?.value ?? null;
  return {
    request: { query: source, ...(operationName ? { operationName } : {}), variables },
    logger: console,
    schema,
    schemaHash: '' as never,
    context: caller,
    cache: NO_CACHE,
    queryHash: createHash('sha256').update(source).digest('hex'),
    document,
    source,
    operationName,
    operation,
    metrics: { captureTraces: false },
    overallCachePolicy: undefined as never,
    requestIsBatched: false,
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
