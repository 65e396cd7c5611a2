import type { GraphQLSchema } from 'graphql';
import { randomBytes } from 'node:crypto';
import { applyAccess } from '../authorization/apply-access.ts';
import { withChildMarkers } from '../authorization/child-markers.ts';
import { RESERVED_KEY_PREFIX } from '../limits/operation-limits.ts';
import type { Stage } from '../pipeline/stage.ts';

/**
 * Around execution. On the way in, every object of the authorized operation that is a
 * child, or belongs to one, is asked for its child's id under a key of this stage's (so
 * each value returned can be attributed to a child). On the way out, one walk of the
 * response nulls denied fields, masks masked ones, removes those markers and lists what
 * was disclosed, child by child, for the audit.
 */
export function applyAccessStage(owners: Map<string, readonly string[]>): Stage {
  // Random per process (plans stay cacheable), in a prefix no caller may use (see operation-limits.ts).
  const markerKey = `${RESERVED_KEY_PREFIX}${randomBytes(6).toString('hex')}`;
  return {
    name: 'apply access',
    async run(request, next) {
      const plan = request.plan!;
      request.executable = withChildMarkers(request.schema as GraphQLSchema, plan.operation, markerKey);
      const result = await next();
      const { data, ...disclosure } = applyAccess(result.data, plan, { markerKey, owners });
      request.disclosure = disclosure;
      // Errors about the markers concern the hub's own question, not the caller's.
      const errors = result.errors?.filter((e) => !e.path?.includes(markerKey));
      return { ...result, data, errors: errors?.length ? errors : undefined };
    },
  };
}
