import { unauthorizedField, type AccessPlan } from '@lbc/schema';
import type { GraphQLError } from 'graphql';

/** One error per denied field, at its path, in Apollo Router's shape. */
export function denialErrors(plan: AccessPlan): GraphQLError[] {
  return plan.denied.map((access) => unauthorizedField(access.coordinate, access.decision.rule, { path: access.path }));
}
