import { mayWorkOnCase, type InternalSigner, type Principal, type RequestCase } from '@lbc/schema';
import type { Logger } from 'pino';
import { composedSubgraphUrls } from '../config/subgraph-urls.ts';
import { callSubgraph } from '../forward/call-subgraph.ts';
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

interface CaseCheckData {
  _caseForAccessCheck?: { caseId?: unknown; childId?: unknown; status?: unknown } | null;
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
      const data = await callSubgraph<CaseCheckData>(options.url, token, requestId, CASE_CHECK, { id: access.caseId }, options.timeoutMs);
      const check = data._caseForAccessCheck;
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
  const url = subgraphUrls[CASE_SUBGRAPH] ?? composedSubgraphUrls(supergraphSdl)[CASE_SUBGRAPH];
  if (url) return url;
  throw new Error(`the supergraph has no ${CASE_SUBGRAPH} subgraph to verify protection cases with`);
}
