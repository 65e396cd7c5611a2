import type { Principal } from '@lbc/schema';
import type { RequestAccess } from './request-access.ts';

/** What flows through the pipeline for one request. */
export interface GatewayContext {
  requestId: string;
  principal: Principal;
  access: RequestAccess;
}
