import type { ApolloGateway } from '@apollo/gateway';
import type { GatewayExecutor, GatewayGraphQLRequestContext, GatewayInterface } from '@apollo/server-gateway-interface';
import { inlineFragments, planAccess, type AccessContext, type AccessPlan, type Agency } from '@lbc/schema';
import { Kind, print, type DocumentNode } from 'graphql';
import { createHash } from 'node:crypto';
import { applyAccess, denialErrors } from '../authorization/apply-access.ts';
import type { AuditStage } from '../audit/audit-stage.ts';
import type { GatewayContext } from './gateway-context.ts';
import type { VerifyCase } from './verify-case.ts';

/**
 * Stage 2 of the pipeline, between authentication and planning: the gateway the server
 * sees, wrapping @apollo/gateway's executor. Each operation is decided field by field
 * for the caller and purpose; the executor is handed the operation with denied fields
 * removed, under a hash of that operation, so callers with different rights never share
 * a filtered document or a query plan. A protection case the request names is verified
 * first (one call to civil affairs, see verify-case.ts), since it opens SENSITIVE fields
 * of its child.
 */
export function authorizingGateway(gateway: ApolloGateway, owners: Map<string, Agency[]>, verifyCase: VerifyCase, audit: AuditStage): GatewayInterface {
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
    load: async (options) => {
      const { executor } = await gateway.load(options);
      if (!executor) throw new Error('the gateway produced no executor');
      // authorize → plan and execute (asking each child object for its id) → audit.
      return { executor: audit.recordExecution((requestContext) => authorizeAndExecute(requestContext, executor, owners, verifyCase, audit)) };
    },
  };
}

async function authorizeAndExecute(requestContext: GatewayGraphQLRequestContext, execute: GatewayExecutor, owners: Map<string, Agency[]>, verifyCase: VerifyCase, audit: AuditStage) {
  const context = requestContext.context as GatewayContext;
  const { principal, access, requestId } = context;
  const operation = inlineFragments(requestContext.document, requestContext.operationName);
  const requestCase = await verifyCase({ principal, access, requestId });
  // Subgraph tokens carry a verified case only: each subgraph re-checks its fields with it.
  if (requestCase?.childId) context.case = { id: requestCase.id, childId: requestCase.childId };
  const accessContext: AccessContext = { principal, purpose: access.purpose, case: requestCase, justification: access.justification };
  const plan = planAccess(requestContext.schema, operation, accessContext, owners, requestContext.request.variables ?? {});
  context.plan = plan;
  // Subgraphs see fetches, not the operation: the token tells each which child break-glass is for.
  if (plan.breakGlass && plan.breakGlassChild !== undefined) context.breakGlassChild = plan.breakGlassChild;

  if (access.mode === 'dry-run') return { data: null, extensions: { authorization: explain(plan) } };
  if (access.mode === 'reject' && plan.denied.length) return { errors: denialErrors(plan) };

  let result: Awaited<ReturnType<GatewayExecutor>> = { data: {} };
  if (plan.operation.selectionSet.selections.length) {
    // What runs is the filtered operation with the audit's child markers, planned under its own hash.
    const operation = audit.markChildren(requestContext.schema, plan.operation);
    const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation] };
    const queryHash = createHash('sha256').update(print(document)).digest('hex');
    result = await execute({ ...requestContext, document, operation, queryHash });
  }
  const { data, masked } = applyAccess(result.data, plan);
  const errors = [...denialErrors(plan), ...(result.errors ?? [])];
  const authorization = masked.length || plan.breakGlass ? { masked, ...(plan.breakGlass ? { breakGlass: true } : {}) } : undefined;
  return {
    ...result,
    data,
    ...(errors.length ? { errors } : {}),
    ...(authorization ? { extensions: { ...result.extensions, authorization } } : {}),
  };
}

/** What dry-run reports: every field that would be removed or masked, and the rule that decides it. */
function explain(plan: AccessPlan) {
  const entry = (a: AccessPlan['denied'][number]) => ({ path: a.path, coordinate: a.coordinate, rule: a.decision.rule });
  return { dryRun: true, wouldDeny: plan.denied.map(entry), wouldMask: plan.masked.map(entry) };
}
