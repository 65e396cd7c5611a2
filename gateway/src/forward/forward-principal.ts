import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { FetcherResponse } from '@apollo/utils.fetcher';
import type { WriteRecord } from '@lbc/audit/store';
import { hubError, internalError, isErrorCode, subgraphUnavailable, type InternalSigner } from '@lbc/schema';
import { WRITES_EXTENSION } from '@lbc/subgraph-kit';
import type { GraphQLError } from 'graphql';
import type { GatewayRequest } from '../pipeline/gateway-request.ts';
import { REQUEST_ID_HEADER } from '../pipeline/request-id.ts';

/** Codes a subgraph may answer a whole fetch with that are about the request, not an outage. */
const CALLER_CODES = new Set(['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'UNAUTHORIZED_FIELD_OR_TYPE', 'GRAPHQL_VALIDATION_FAILED', 'DATABASE_UNAVAILABLE']);

/**
 * The hop to a subgraph: the caller's token never leaves the gateway. Each subgraph gets
 * a fresh, short-lived token signed by the gateway and addressed to that subgraph alone,
 * naming the request id, the purpose, and what the authorize stage verified.
 */
export class PrincipalForwardingDataSource extends RemoteGraphQLDataSource<GatewayRequest> {
  constructor(
    private readonly subgraphName: string,
    private readonly signer: InternalSigner,
    options: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayRequest>>[0],
  ) {
    super(options);
  }

  override async willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayRequest>['willSendRequest']>>[0]): Promise<void> {
    if (!context.principal || !context.access) throw internalError({ cause: new Error('a subgraph fetch without a principal: authentication did not run') });
    const token = await this.signer.sign(context.principal, this.subgraphName, {
      requestId: context.id,
      purpose: context.access.purpose,
      justification: context.access.justification,
      case: context.case,
      breakGlassChild: context.breakGlassChild,
      idempotencyKey: context.idempotency?.key,
    });
    request.http!.headers.set('authorization', `Bearer ${token}`);
    request.http!.headers.set(REQUEST_ID_HEADER, context.id);
    // The audit records what each agency was asked for on the caller's behalf.
    context.fetches.push({ subgraph: this.subgraphName, query: request.query ?? '' });
  }

  /**
   * What an agency reports its mutations changed (the `lbcWrites` extension) goes to the
   * request's audit entry, and no further: a caller never sees a subgraph's extensions.
   */
  override async didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayRequest>['didReceiveResponse']>>[0]) {
    const extensions = response.extensions as Record<string, unknown> | undefined;
    const reported = extensions?.[WRITES_EXTENSION];
    if (Array.isArray(reported)) {
      for (const write of reported) if (isWrite(write)) context.writes.push({ ...write, subgraph: this.subgraphName });
      delete extensions![WRITES_EXTENSION];
    }
    return response;
  }

  /**
   * A non-2xx answer. A subgraph that refuses the request itself (a 4xx with a catalogue
   * error: bad input the gateway could not judge, a database it cannot reach) says so, and
   * the caller hears it as such — not as an outage. Anything else (the subgraph refused our
   * token, crashed, answered garbage) is SUBGRAPH_UNAVAILABLE naming the agency only:
   * Apollo's default error would carry the subgraph URL and response body to the client.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const refusal = response.status >= 400 && response.status < 600 ? await callerError(response) : undefined;
    if (refusal && CALLER_CODES.has(refusal.code)) return hubError(refusal.code as never, refusal.message, { serviceName: this.subgraphName, inResolver: true });
    return subgraphUnavailable(this.subgraphName, { cause: new Error(`HTTP ${response.status} ${response.statusText}`) });
  }
}

/** A reported write, in the shape the kit's runWrite reports: anything else is not recorded as one. */
function isWrite(value: unknown): value is Omit<WriteRecord, 'subgraph'> {
  const w = value as Partial<WriteRecord> | null;
  return typeof w === 'object' && w !== null && typeof w.record === 'string' && typeof w.id === 'string' && Array.isArray(w.fields) && (w.change === 'created' || w.change === 'updated');
}

/** The first error of a subgraph's JSON error body, when it is one of the catalogue's. */
async function callerError(response: FetcherResponse): Promise<{ code: string; message: string } | undefined> {
  try {
    const body = (await response.json()) as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] };
    const first = body.errors?.[0];
    const code = first?.extensions?.code;
    if (isErrorCode(code) && typeof first?.message === 'string') return { code, message: first.message };
  } catch {
    // Not JSON: an outage, not an answer.
  }
  return undefined;
}
