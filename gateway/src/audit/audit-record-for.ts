import type { AuditOutcome, AuditRecord } from '@lbc/audit/store';
import type { AccessPlan, Principal } from '@lbc/schema';
import type { GraphQLSchema } from 'graphql';
import type { RequestAccess } from '../pipeline/request-access.ts';
import type { CollectedAccess } from './collect-access.ts';
import { fetchFields } from './fetch-fields.ts';
import { normalizedOperation, redactText, redactVariables } from './redact.ts';
import type { RequestTrail } from './request-trail.ts';

/** Everything known about a finished (or refused) request, from which its audit record is made. */
export interface FinishedRequest {
  requestId: string;
  trail: RequestTrail;
  principal: Principal | null;
  access: RequestAccess | null;
  schema?: GraphQLSchema;
  operationName?: string | null | undefined;
  variables?: Record<string, unknown> | null | undefined;
  /** The authorize stage's plan; its operation (denied fields removed, before child markers) is what the entry shows. */
  plan?: AccessPlan;
  collected?: CollectedAccess;
  /** Error codes in the response. */
  errorCodes: string[];
  /** The response carried data (not null, not absent). */
  hasData: boolean;
  /** Set when the request was refused before execution: why. */
  refused?: string;
}

/** Builds the audit record of a request: what the issue asks auditors to be able to see, identifiers masked. */
export function auditRecordFor(request: FinishedRequest): AuditRecord {
  const { principal, access, plan, trail } = request;
  const operation = plan ? normalizedOperation(plan.operation) : null;
  return {
    at: trail.startedAt,
    requestId: request.requestId,
    principal: principal && { subject: principal.subject, issuer: principal.issuer, agency: principal.agency, level: principal.level, region: principal.region, org: principal.org ?? null, roles: principal.roles },
    // The calling system: the token's azp/client_id, else the identity provider that vouched for the caller.
    client: principal?.client ?? principal?.issuer ?? null,
    purpose: access?.purpose ?? null,
    // Written by callers: a mistyped ID number must not sit in the log in full.
    caseId: access?.caseId === undefined ? null : redactText(access.caseId),
    justification: access?.justification === undefined ? null : redactText(access.justification),
    breakGlass: plan?.breakGlass ?? false,
    mode: access?.mode ?? null,
    operationName: request.operationName == null ? null : redactText(request.operationName).slice(0, 200),
    operationHash: operation?.hash ?? null,
    operationText: operation?.text ?? null,
    variables: (redactVariables(request.variables ?? {}) as Record<string, unknown>) ?? {},
    fetches: request.schema ? trail.fetches.map((f) => ({ subgraph: f.subgraph, fields: fetchFields(request.schema!, f.query) })) : [],
    children: request.collected?.children ?? [],
    otherFields: request.collected?.otherFields ?? [],
    denied: (plan?.denied ?? []).map((d) => ({ path: d.path, coordinate: d.coordinate, fieldClass: d.fieldClass, rule: d.decision.rule })),
    outcome: outcomeOf(request),
    errorCodes: [...new Set(request.errorCodes)].sort(),
    reason: request.refused === undefined ? null : redactText(request.refused),
    durationMs: Date.now() - trail.startedAt.getTime(),
  };
}

function outcomeOf(request: FinishedRequest): AuditOutcome {
  if (request.refused) return 'rejected';
  if (request.access?.mode === 'reject' && request.plan?.denied.length) return 'rejected';
  if (!request.hasData && request.errorCodes.length) return 'error';
  if (request.errorCodes.length || request.plan?.denied.length) return 'partial';
  return 'ok';
}
