import type { AccessPlan, Principal, VerifiedCase } from '@lbc/schema';
import type { RequestTrail } from '../audit/request-trail.ts';
import type { RequestAccess } from './request-access.ts';

/** What flows through the pipeline for one request. */
export interface GatewayContext {
  requestId: string;
  principal: Principal;
  access: RequestAccess;
  /**
   * The protection case of x-lbc-case-id once the authorize stage verified it (OPEN, its
   * child in the caller's jurisdiction); unset otherwise. Subgraph tokens carry it.
   */
  case?: VerifiedCase;
  /** The one child break-glass opens in this request, when the planner knows its hub id. Subgraph tokens carry it. */
  breakGlassChild?: string;
  /** The authorize stage's decisions on the operation, once taken (for the stages after it). */
  plan?: AccessPlan;
  /** What the audit stage gathers while the request runs. */
  trail: RequestTrail;
}
