import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayExecutor } from '@apollo/server-gateway-interface';
import type { AuditRecord } from '@lbc/audit/store';
import type { Principal } from '@lbc/schema';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { randomBytes } from 'node:crypto';
import { RESERVED_KEY_PREFIX } from '../pipeline/operation-limits.ts';
import type { GatewayContext } from '../pipeline/gateway-context.ts';
import type { RequestAccess } from '../pipeline/request-access.ts';
import { auditRecordFor } from './audit-record-for.ts';
import { auditUnavailable } from './audit-unavailable.ts';
import { withChildMarkers } from './child-markers.ts';
import { collectAccess } from './collect-access.ts';
import { newRequestTrail, type RequestTrail } from './request-trail.ts';

/** Where entries go: the hub's AuditLog (group commit), or anything with its contract. */
export interface AuditSink {
  /** Resolves once the entry is durably committed; rejects otherwise. */
  append(record: AuditRecord): Promise<unknown>;
}

/**
 * The last stage of the pipeline: every operation through the gateway gets one audit
 * entry, committed before its response leaves — fail-closed: if the entry cannot be
 * written, the caller gets AUDIT_UNAVAILABLE and none of the data. Requests refused
 * earlier (authentication, a missing purpose, an invalid operation) are recorded too.
 */
export class AuditStage {
  /**
   * The response key under which each child object is asked for its id: random per
   * gateway process (so query plans stay cacheable), never in a response, and in a prefix
   * no caller may use (see operation-limits.ts).
   */
  private readonly childKey = `${RESERVED_KEY_PREFIX}${randomBytes(6).toString('hex')}`;

  constructor(
    private readonly sink: AuditSink,
    private readonly owners: Map<string, readonly string[]>,
  ) {}

  /** A fresh trail for a request, started when it arrives. */
  newTrail(): RequestTrail {
    return newRequestTrail();
  }

  /**
   * The operation to execute, with every child object asked for its id under this
   * stage's key, so each value returned can be attributed to its child.
   */
  markChildren(schema: GraphQLSchema, operation: OperationDefinitionNode): OperationDefinitionNode {
    return withChildMarkers(schema, operation, this.childKey);
  }

  /** Wraps the authorizing executor: records the finished operation and releases its response only once recorded. */
  recordExecution(inner: GatewayExecutor): GatewayExecutor {
    return async (requestContext) => {
      const context = requestContext.context as GatewayContext;
      const result = await inner(requestContext);
      const collected = context.plan ? collectAccess(result.data ?? null, context.plan, this.childKey, this.owners) : undefined;
      // Errors about the markers concern the audit's own question, not the caller's.
      const errors = result.errors?.filter((e) => !e.path?.includes(this.childKey));
      const record = auditRecordFor({
        requestId: context.requestId,
        trail: context.trail,
        principal: context.principal,
        access: context.access,
        schema: requestContext.schema,
        operationName: requestContext.operationName,
        variables: requestContext.request.variables,
        plan: context.plan,
        collected,
        errorCodes: (errors ?? []).map(codeOf),
        hasData: result.data !== null && result.data !== undefined,
      });
      if (!(await this.commit(context, record))) return { errors: [auditUnavailable()] };
      return { ...result, ...(errors?.length ? { errors } : { errors: undefined }) };
    };
  }

  /**
   * Records a request refused before execution — the caller could not be authenticated,
   * or its headers were invalid. The refusal stands whether or not the entry is written.
   */
  async recordRefusal(request: { requestId: string; trail: RequestTrail; principal: Principal | null; access: RequestAccess | null; error: unknown }): Promise<void> {
    const record = auditRecordFor({ ...request, errorCodes: [codeOf(request.error)], hasData: false, refused: reasonOf(request.error) });
    await this.commit({ trail: request.trail }, record);
  }

  /** Records operations that never reached the executor (unparsable, invalid), once each. */
  plugin(): ApolloServerPlugin<GatewayContext> {
    return {
      requestDidStart: async () => ({
        willSendResponse: async ({ contextValue, response, errors, request, operationName }) => {
          if (!contextValue?.trail || contextValue.trail.recorded) return;
          const codes = (errors ?? []).map(codeOf);
          const record = auditRecordFor({
            requestId: contextValue.requestId,
            trail: contextValue.trail,
            principal: contextValue.principal,
            access: contextValue.access,
            operationName: operationName ?? request.operationName,
            variables: request.variables,
            errorCodes: codes,
            hasData: false,
            refused: (errors ?? []).map((e) => e.message).join('; ').slice(0, 500) || 'not executed',
          });
          if (!(await this.commit(contextValue, record)) && response.body.kind === 'single') {
            response.body.singleResult = { errors: [auditUnavailable().toJSON()] };
            response.http.status = 503;
          }
        },
      }),
    };
  }

  private async commit(context: { trail: RequestTrail }, record: AuditRecord): Promise<boolean> {
    try {
      await this.sink.append(record);
      context.trail.recorded = true;
      return true;
    } catch (error) {
      // The reason goes to the operator's log; the caller learns only that nothing could be recorded.
      console.error(`[gateway] audit log unavailable for request ${record.requestId}: ${(error as Error).message}`);
      context.trail.recorded = true; // the response is replaced; do not try again from the plugin
      return false;
    }
  }
}

function codeOf(error: unknown): string {
  const code = (error as GraphQLError | GraphQLFormattedError | undefined)?.extensions?.code;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 500) : 'refused';
}
