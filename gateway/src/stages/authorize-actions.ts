import { forbidden } from '@lbc/schema';
import type { Stage } from '../pipeline/stage.ts';

/**
 * A mutation is an action before it is a set of fields: one its action rule refuses
 * (decided by the planner, see action-rules.ts) ends the request here, 403 FORBIDDEN
 * naming the rule, audited, and no subgraph is asked to write anything. What a permitted
 * mutation then reads back is decided field by field like any read.
 */
export function authorizeActionsStage(): Stage {
  return {
    name: 'authorize actions',
    async run(request, next) {
      if (request.operation!.operation !== 'mutation') return next();
      const refused = request.plan!.denied.find((access) => access.path.length === 1);
      if (refused) throw forbidden(`not allowed to perform ${refused.coordinate}`, { action: refused.coordinate, rule: refused.decision.rule });
      return next();
    },
  };
}
