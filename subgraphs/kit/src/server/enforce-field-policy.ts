import { classOf, decide, maskIdentifier, ownersOf, type Agency, type Decision, type FieldClass } from '@lbc/schema';
import { defaultFieldResolver, GraphQLError, isObjectType, type GraphQLSchema } from 'graphql';
import type { SubgraphContext } from './subgraph-definition.ts';

/**
 * Defense in depth: the subgraph applies the same field rules as the gateway, to the
 * principal and purpose the gateway vouched for. In normal operation the gateway has
 * already removed every denied field and nothing here fires; it matters when a request
 * reaches the subgraph some other way (a replayed gateway token asking for more).
 * Every classified field's resolver is wrapped: denied → error, masked → masked value.
 * `_entities`/`_service` and connection plumbing are left to the token check and to the
 * field that returned the connection.
 */
/**
 * For what a resolver does beyond returning a field — filtering by a fact, for instance —
 * the same rule: throws UNAUTHORIZED_FIELD_OR_TYPE unless the caller may read `fieldClass`.
 */
export function assertMayRead(context: Pick<SubgraphContext<unknown, unknown>, 'principal' | 'purpose' | 'justification'>, fieldClass: FieldClass, coordinate: string, owner: Agency): void {
  const decision = decide({ principal: context.principal, purpose: context.purpose, caseVerified: false, justification: context.justification }, fieldClass, [owner]);
  if (decision.effect !== 'allow') throw unauthorizedField(coordinate, decision.rule);
}

function unauthorizedField(coordinate: string, rule: string): GraphQLError {
  return new GraphQLError(`not authorized to read ${coordinate}`, { extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', coordinate, rule } });
}

export function enforceFieldPolicy(schema: GraphQLSchema, owner: Agency): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('_')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.name.startsWith('_')) continue;
      const fieldClass = classOf(type.name, field.name);
      if (fieldClass === 'STRUCTURAL') continue;
      const coordinate = `${type.name}.${field.name}`;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: SubgraphContext<unknown, unknown>, info) => {
        const decision: Decision =
          fieldClass === undefined
            ? { effect: 'deny', rule: 'unclassified-field' }
            : decide({ principal: context.principal, purpose: context.purpose, caseVerified: false, justification: context.justification }, fieldClass, ownersOf(coordinate, [owner]));
        if (decision.effect === 'deny') throw unauthorizedField(coordinate, decision.rule);
        const value = resolve(source, args, context, info);
        if (decision.effect !== 'mask') return value;
        return value instanceof Promise ? value.then(maskIdentifier) : maskIdentifier(value);
      };
    }
  }
  return schema;
}
