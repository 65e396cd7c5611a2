import type { AuditOutcome, AuditRecord } from '@lbc/audit/store';
import { codeOf, redactText } from '@lbc/schema';
import type { GraphQLError } from 'graphql';
import type { GatewayRequest } from '../pipeline/gateway-request.ts';
import { fetchFields } from './fetch-fields.ts';
import { normalizedOperation, redactVariables, withheldVariables } from './redact.ts';

/** How a request ended, as the audit stage saw it. */
export interface RequestEnding {
  /** The errors the response carries (or the refusal). */
  errors: readonly GraphQLError[];
  /** The response carried data (not null, not absent). */
  hasData: boolean;
  /** Set when the request ended before execution: why. */
  refused?: string;
  /** The entry a mutation gets before it is sent: nothing has been written yet. */
  attempted?: boolean;
}

/** Builds the audit record of a request: what auditors must be able to see, identifiers masked. */
export function auditRecordFor(request: GatewayRequest, ending: RequestEnding): AuditRecord {
  const { principal, access, plan, disclosure } = request;
  // What ran (denied fields removed), or — for a request refused after parsing — what was attempted.
  const attempted = plan?.operation ?? request.operation;
  const operation = attempted ? normalizedOperation(attempted) : null;
  const errorCodes = ending.errors.map(codeOf);
  return {
    at: request.startedAt,
    requestId: request.id,
    principal: principal
      ? { subject: principal.subject, issuer: principal.issuer, agency: principal.agency, level: principal.level, region: principal.region, org: principal.org ?? null, roles: principal.roles }
      : null,
    // The calling system: the token's azp/client_id, else the identity provider that vouched for the caller.
    client: principal?.client ?? principal?.issuer ?? null,
    purpose: access?.purpose ?? null,
    // Written by callers: a mistyped ID number must not sit in the log in full.
    caseId: access?.caseId === undefined ? null : redactText(access.caseId),
    justification: access?.justification === undefined ? null : redactText(access.justification),
    breakGlass: plan?.breakGlass ?? false,
    mode: access?.mode ?? null,
    operationName: operationNameOf(request),
    operationHash: operation?.hash ?? null,
    operationText: operation?.text ?? null,
    variables: ((request.operation?.operation === 'mutation' ? withheldVariables : redactVariables)(request.body?.variables ?? {}) as Record<string, unknown>) ?? {},
    fetches: request.schema ? request.fetches.map((f) => ({ subgraph: f.subgraph, fields: fetchFields(request.schema!, f.query) })) : [],
    children: disclosure?.children ?? [],
    otherFields: disclosure?.otherFields ?? [],
    denied: (plan?.denied ?? []).map((d) => ({ path: d.path, coordinate: d.coordinate, fieldClass: d.fieldClass, rule: d.decision.rule })),
    ...(request.writes.length ? { writes: [...request.writes] } : {}),
    outcome: outcomeOf(request, ending, errorCodes),
    errorCodes: [...new Set(errorCodes)].sort(),
    reason: ending.refused === undefined ? null : redactText(ending.refused).slice(0, 500),
    durationMs: Date.now() - request.startedAt.getTime(),
  };
}

function outcomeOf(request: GatewayRequest, ending: RequestEnding, errorCodes: string[]): AuditOutcome {
  if (ending.attempted) return 'attempted';
  if (ending.refused !== undefined) return 'rejected';
  if (request.access?.mode === 'reject' && request.plan?.denied.length) return 'rejected';
  if (!ending.hasData && errorCodes.length) return 'error';
  if (errorCodes.length || request.plan?.denied.length) return 'partial';
  return 'ok';
}

/** The name of the operation that ran (or the one the caller named, when none could be picked), identifiers masked. */
function operationNameOf(request: GatewayRequest): string | null {
  const name = request.operation?.name?.value ?? request.body?.operationName;
  return name == null ? null : redactText(name).slice(0, 200);
}
