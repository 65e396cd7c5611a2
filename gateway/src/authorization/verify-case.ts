import { mayWorkOnCase, type InternalSigner, type Principal, type RequestCase } from '@lbc/schema';
import type { Logger } from 'pino';
import type { RequestAccess } from './request-access.ts';

/**
 * Verifies the protection case a request names (x-lbc-case-id), before its fields are
 * decided. Returns undefined when no case counts (none named, or a caller or purpose no
 * case can open SENSITIVE fields for), the case with its child when it is OPEN and its
 * child within the caller's jurisdiction, and the bare case id otherwise — unknown,
 * closed, outside the jurisdiction or unverifiable alike, so the caller cannot tell which.
 */
export type VerifyCase = (request: { principal: Principal; access: RequestAccess; requestId: string }) => Promise<RequestCase | undefined>;

/** The subgraph that owns protection cases. */
export const CASE_SUBGRAPH = 'civil-affairs';

const CASE_CHECK = 'query CaseForAccessCheck($id: ID!) { _caseForAccessCheck(id: $id) { caseId childId status } }';

interface CaseCheckResponse {
  data?: { _caseForAccessCheck?: { caseId?: unknown; childId?: unknown; status?: unknown } | null } | null;
  errors?: { extensions?: { code?: unknown } }[];
}

/**
 * One call to civil affairs, as the caller (a gateway token addressed to civil affairs,
 * like every fetch): the subgraph answers only for cases whose child lies in the caller's
 * jurisdiction. Any failure — timeout, refusal, a malformed answer — leaves the case
 * unverified: SENSITIVE fields stay denied and the request goes on.
 */
export function createCaseVerifier(options: { url: string; signer: InternalSigner; timeoutMs: number; log?: Logger }): VerifyCase {
  return async ({ principal, access, requestId }) => {
    if (access.caseId === undefined || !mayWorkOnCase(principal, access.purpose)) return undefined;
    const unverified: RequestCase = { id: access.caseId };
    try {
      const token = await options.signer.sign(principal, CASE_SUBGRAPH, { requestId, purpose: access.purpose });
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': requestId },
        body: JSON.stringify({ query: CASE_CHECK, variables: { id: access.caseId } }),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = (await response.json()) as CaseCheckResponse;
      if (body.errors?.length) throw new Error(`errors ${body.errors.map((e) => String(e.extensions?.code ?? 'unknown')).join(', ')}`);
      const check = body.data?._caseForAccessCheck;
      if (check && check.caseId === access.caseId && check.status === 'OPEN' && typeof check.childId === 'string') return { id: access.caseId, childId: check.childId };
      return unverified;
    } catch (error) {
      // The case id is not personal data, but the log does not need it: the request id finds it in the audit.
      options.log?.warn({ requestId, err: error }, 'protection case check failed: the case stays unverified');
      return unverified;
    }
  };
}

/** Where the case check goes: the configured civil-affairs URL, else the one composed into the supergraph. */
export function caseCheckUrl(subgraphUrls: Record<string, string>, supergraphSdl: string): string {
  const configured = subgraphUrls[CASE_SUBGRAPH];
  if (configured) return configured;
  const composed = /@join__graph\(name: "civil-affairs", url: "([^"]+)"\)/.exec(supergraphSdl)?.[1];
  if (!composed) throw new Error(`the supergraph has no ${CASE_SUBGRAPH} subgraph to verify protection cases with`);
  return composed;
}
