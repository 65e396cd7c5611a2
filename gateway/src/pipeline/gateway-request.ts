import type { WriteRecord } from '@lbc/audit/store';
import type { AccessPlan, Principal, VerifiedCase } from '@lbc/schema';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import type { RequestAccess } from '../authorization/request-access.ts';
import type { Disclosure } from '../authorization/disclosure.ts';

/** A GraphQL request as the body (or a trusted document) states it. */
export interface GraphQLRequestBody {
  query?: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  extensions?: Record<string, unknown> | null;
  /** A registered document's id (`sha256:<hex>`), instead of `query`. */
  documentId?: string;
}

/**
 * One request as it passes through the pipeline: the contract between stages. Each field
 * is written by exactly one stage (named beside it) and read by the stages after it; no
 * stage reaches into another's private state, only into this.
 */
export interface GatewayRequest {
  /** request id: unique per request; every log line, subgraph hop and audit entry carries it. */
  readonly id: string;
  readonly startedAt: Date;
  readonly http: IncomingMessage;
  /** The request's log, bound to its id (and, once known, the principal's agency and region). */
  log: Logger;
  /** authenticate */
  principal?: Principal;
  /** authenticate: the purpose and access mode the request declares. */
  access?: RequestAccess;
  /** read body */
  body?: GraphQLRequestBody;
  /** trusted documents: the operation text to run (the body's, or the registered one it names). */
  source?: string;
  /** parse */
  document?: DocumentNode;
  /** parse: the one operation of the document that runs. */
  operation?: OperationDefinitionNode;
  /** The API schema the operation is validated and decided against. */
  schema?: GraphQLSchema;
  /** authorize: the verified protection case (subgraph tokens carry it). */
  case?: VerifiedCase;
  /** authorize: the one child break-glass opens, when known (subgraph tokens carry it). */
  breakGlassChild?: string;
  /** authorize: the decision on every field of the operation. */
  plan?: AccessPlan;
  /** apply access: the authorized operation as it executes (with the child markers). */
  executable?: OperationDefinitionNode;
  /** forward: what each subgraph fetch asked for, on the caller's behalf. */
  readonly fetches: { subgraph: string; query: string }[];
  /** forward: what the agencies reported their mutations changed (the audit entry lists it). */
  readonly writes: WriteRecord[];
  /** idempotency: the caller's Idempotency-Key for this mutation (subgraph tokens carry it), and whether the answer is a replay. */
  idempotency?: { key: string; replayed: boolean };
  /** apply access: what the response disclosed, child by child. */
  disclosure?: Disclosure;
}
