import type { TypedDocumentString } from '../generated/graphql.ts';
import type { Session } from '../session/session.ts';

/** An error as the gateway reports it; `extensions.rule` names the policy rule of a withheld field. */
export interface GatewayError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; rule?: string; reason?: string; coordinate?: string; [key: string]: unknown };
}

/** A value the gateway masked (`extensions.authorization.masked`). */
export interface MaskedValue {
  path: (string | number)[];
  coordinate: string;
  rule: string;
}

export interface Answer<T> {
  data: T | null;
  errors: GatewayError[];
  masked: MaskedValue[];
  requestId: string | null;
  /** The operation text and variables that produced this answer: the "how is this counted" panel shows them. */
  operation: string;
  variables: unknown;
}

export class RequestFailed extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * Runs one operation through the dashboard server's /graphql (same origin), as the
 * signed-in principal with the chosen purpose. A request the gateway refused as a whole
 * (no data) throws; partial answers come back with their errors, so withheld fields can be
 * shown as withheld.
 */
export async function runOperation<T, V>(session: Session, document: TypedDocumentString<T, V>, variables: V): Promise<Answer<T>> {
  const operation = document.toString();
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}`, 'x-lbc-purpose': session.purpose },
    body: JSON.stringify({ query: operation, variables }),
  });
  let body: { data?: T | null; errors?: GatewayError[]; extensions?: { authorization?: { masked?: MaskedValue[] } } };
  try {
    body = await response.json();
  } catch {
    throw new RequestFailed(`HTTP ${response.status}`, response.status, undefined);
  }
  if (body.data == null) {
    const first = body.errors?.[0];
    throw new RequestFailed(first?.message ?? `HTTP ${response.status}`, response.status, first?.extensions?.code);
  }
  return {
    data: body.data,
    errors: body.errors ?? [],
    masked: body.extensions?.authorization?.masked ?? [],
    requestId: response.headers.get('x-request-id'),
    operation,
    variables,
  };
}
