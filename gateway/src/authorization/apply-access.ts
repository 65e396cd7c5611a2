import { maskIdentifier, type AccessPlan, type FieldAccess } from '@lbc/schema';
import { GraphQLError, isListType, isNonNullType, type GraphQLOutputType } from 'graphql';

/** Signals that the object holding a field must itself become null (GraphQL null propagation). */
const NULL_PARENT = Symbol('null-parent');

export interface MaskedValue {
  path: (string | number)[];
  coordinate: string;
  rule: string;
}

/**
 * After execution: writes null where a denied field was asked (propagating to the nearest
 * nullable parent when the field is non-null, exactly as GraphQL does for errors), masks
 * the values of masked fields, and returns what was masked, path by path.
 */
export function applyAccess(data: Record<string, unknown> | null | undefined, plan: AccessPlan): { data: Record<string, unknown> | null; masked: MaskedValue[] } {
  const masked: MaskedValue[] = [];
  // Execution already nulled the whole result (a non-null root failed): nothing to add to.
  if (!data) return { data: null, masked };
  const root = data;

  const field = (holder: Record<string, unknown>, access: FieldAccess, path: (string | number)[]): typeof NULL_PARENT | undefined => {
    const key = access.responseKey;
    if (access.decision.effect === 'deny') {
      if (isNonNullType(access.type)) return NULL_PARENT;
      holder[key] = null;
      return undefined;
    }
    const value = holder[key];
    if (value === null || value === undefined) return undefined;
    if (access.decision.effect === 'mask') {
      holder[key] = maskIdentifier(value);
      masked.push({ path: [...path, key], coordinate: access.coordinate, rule: access.decision.rule });
      return undefined;
    }
    if (access.children.size === 0) return undefined;
    if (nested(value, access.type, access.children, [...path, key]) === NULL_PARENT) {
      if (isNonNullType(access.type)) return NULL_PARENT;
      holder[key] = null;
    }
    return undefined;
  };

  const nested = (value: unknown, type: GraphQLOutputType, children: Map<string, FieldAccess>, path: (string | number)[]): typeof NULL_PARENT | undefined => {
    const nullable = isNonNullType(type) ? type.ofType : type;
    if (isListType(nullable)) {
      const items = value as unknown[];
      for (let i = 0; i < items.length; i++) {
        if (items[i] === null || items[i] === undefined) continue;
        if (nested(items[i], nullable.ofType, children, [...path, i]) === NULL_PARENT) {
          if (isNonNullType(nullable.ofType)) return NULL_PARENT;
          items[i] = null;
        }
      }
      return undefined;
    }
    for (const child of children.values()) {
      if (field(value as Record<string, unknown>, child, path) === NULL_PARENT) return NULL_PARENT;
    }
    return undefined;
  };

  for (const access of plan.fields.values()) {
    if (field(root, access, []) === NULL_PARENT) return { data: null, masked };
  }
  return { data: root, masked };
}

/** One error per denied field, at its path, in Apollo Router's shape. */
export function denialErrors(plan: AccessPlan): GraphQLError[] {
  return plan.denied.map(
    (access) =>
      new GraphQLError(`not authorized to read ${access.coordinate}`, {
        path: access.path,
        extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', coordinate: access.coordinate, rule: access.decision.rule },
      }),
  );
}
