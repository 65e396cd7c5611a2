import type { Principal } from '@lbc/schema';

/** What flows through the pipeline for one request. */
export interface GatewayContext {
  requestId: string;
  principal: Principal;
}
