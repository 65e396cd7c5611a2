import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { GatewayRequest } from './gateway-request.ts';

/** What a stage hands back up the pipeline: a GraphQL result, not yet formatted for the client. */
export interface GatewayResult {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLError[];
  extensions?: Record<string, unknown>;
  /** Set by the respond stage: what goes to the client. */
  response?: GatewayResponse;
}

/** What the client receives: the formatted body, its status and headers. */
export interface GatewayResponse {
  status: number;
  headers: Record<string, string>;
  body: { data?: Record<string, unknown> | null; errors?: GraphQLFormattedError[]; extensions?: Record<string, unknown> };
}

/**
 * One step of the gateway. `run` may act on the way in (before `next`), on the way out
 * (after it), or answer without calling `next` at all. A stage refuses a request by
 * throwing a catalogue error (`hubError`); the stages outside it see the throw. State a
 * stage keeps across requests lives in its closure; state about one request it writes
 * to its own fields of GatewayRequest.
 */
export interface Stage {
  readonly name: string;
  run(request: GatewayRequest, next: () => Promise<GatewayResult>): Promise<GatewayResult>;
}
