import { classOf, decide, ownersOf, type AccessContext, type Agency, type Decision, type FieldClass } from '@lbc/schema';
import {
  getNamedType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/** One field of the operation at one place in the response, with the decision taken on it. */
export interface FieldAccess {
  responseKey: string;
  /** `Type.field`, as in the policy file. */
  coordinate: string;
  fieldClass: FieldClass | 'STRUCTURAL' | 'META';
  decision: Decision;
  type: GraphQLOutputType;
  /** Response keys from the root, without list indices (Apollo Router's convention). */
  path: string[];
  /** Sub-selections merged by response key, as GraphQL merges them. */
  children: Map<string, FieldAccess>;
}

export interface AccessPlan {
  /** The operation with denied fields removed: what is planned and executed. */
  operation: OperationDefinitionNode;
  fields: Map<string, FieldAccess>;
  denied: FieldAccess[];
  masked: FieldAccess[];
  breakGlass: boolean;
}

const META: Decision = { effect: 'allow', rule: 'metadata' };
const STRUCTURAL: Decision = { effect: 'allow', rule: 'structural' };

/**
 * Decides every field of an operation (fragments already inlined) for one caller and
 * purpose, and builds the operation to execute: denied fields removed, so no subgraph is
 * ever asked for them; masked fields kept, their values masked after execution.
 */
export function planAccess(schema: GraphQLSchema, operation: OperationDefinitionNode, context: AccessContext, owners: Map<string, Agency[]>): AccessPlan {
  const plan: AccessPlan = { operation, fields: new Map(), denied: [], masked: [], breakGlass: false };
  const root = schema.getRootType(operation.operation);
  if (!root) return plan;

  const walk = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, inherited: FieldClass | undefined, path: string[], into: Map<string, FieldAccess>): SelectionSetNode => {
    const kept: SelectionNode[] = [];
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType) : parentType;
        const inner = walk(selection.selectionSet, type, inherited, path, into);
        if (inner.selections.length) kept.push({ ...selection, selectionSet: inner });
        continue;
      }
      if (selection.kind !== Kind.FIELD) continue; // spreads were inlined before planning
      const access = decideField(selection, parentType, inherited, path);
      const existing = into.get(access.responseKey);
      const merged = existing ?? access;
      if (!existing) into.set(access.responseKey, access);
      if (access.decision.effect === 'deny') {
        if (!existing) plan.denied.push(access);
        continue;
      }
      if (access.decision.effect === 'mask' && !existing) plan.masked.push(access);
      if (access.decision.breakGlass) plan.breakGlass = true;
      if (!selection.selectionSet) {
        kept.push(selection);
        continue;
      }
      const childType = getNamedType(access.type) as GraphQLCompositeType;
      const childClass = access.fieldClass === 'STRUCTURAL' || access.fieldClass === 'META' ? inherited : access.fieldClass;
      const inner = walk(selection.selectionSet, childType, childClass, [...path, access.responseKey], merged.children);
      // Every sub-field denied: keep the object (its existence was allowed) but ask only its type.
      kept.push({ ...selection, selectionSet: inner.selections.length ? inner : typenameOnly });
    }
    return { ...selectionSet, selections: kept };
  };

  const decideField = (node: FieldNode, parentType: GraphQLCompositeType, inherited: FieldClass | undefined, path: string[]): FieldAccess => {
    const name = node.name.value;
    const responseKey = node.alias?.value ?? name;
    const coordinate = `${parentType.name}.${name}`;
    const base = { responseKey, coordinate, path: [...path, responseKey], children: new Map<string, FieldAccess>() };
    if (name === '__typename' || name === '__schema' || name === '__type') {
      // Type names and the schema are not child data; introspection itself is on or off by server config.
      return { ...base, fieldClass: 'META', decision: META, type: schema.getType('String') as GraphQLOutputType };
    }
    const definition = isObjectType(parentType) ? parentType.getFields()[name] : undefined;
    if (!definition) return { ...base, fieldClass: 'META', decision: { effect: 'deny', rule: 'unknown-field' }, type: schema.getType('String') as GraphQLOutputType };
    const fieldClass = classOf(parentType.name, name);
    if (fieldClass === 'STRUCTURAL') return { ...base, fieldClass, decision: STRUCTURAL, type: definition.type };
    if (fieldClass === undefined) return { ...base, fieldClass: 'META', decision: { effect: 'deny', rule: 'unclassified-field' }, type: definition.type };
    return { ...base, fieldClass, decision: decide(context, fieldClass, ownersOf(coordinate, owners.get(coordinate) ?? [])), type: definition.type };
  };

  const selectionSet = walk(operation.selectionSet, root, undefined, [], plan.fields);
  plan.operation = { ...operation, selectionSet };
  return plan;
}

const typenameOnly: SelectionSetNode = { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }] };

