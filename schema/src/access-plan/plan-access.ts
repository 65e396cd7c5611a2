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
import { classOf } from '../policy/classify.ts';
import { BREAK_GLASS_ONE_CHILD_PER_REQUEST, decide, type AccessContext, type Decision, type RecordScope } from '../policy/decide.ts';
import type { FieldClass } from '../policy/field-class.ts';
import { ownersOf } from '../policy/field-classes.ts';
import { lookupDenial } from '../policy/lookup-rules.ts';
import { decideAction } from '../policy/action-rules.ts';
import type { Agency } from '../principal.ts';
import { coerceVariables, isIncluded } from './include-directives.ts';
import { scopeInside } from './record-scope.ts';

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
  /**
   * Sub-selections merged by response key, as GraphQL merges them. Under a denied field
   * they are listed for explanation only (denied with it) and never executed.
   */
  children: Map<string, FieldAccess>;
}

export interface AccessPlan {
  /** The operation with denied and excluded (`@skip`/`@include`) fields removed: what is planned and executed. */
  operation: OperationDefinitionNode;
  fields: Map<string, FieldAccess>;
  denied: FieldAccess[];
  masked: FieldAccess[];
  breakGlass: boolean;
  /**
   * The hub id of the one child break-glass opens, when the operation names it
   * (`child(id:)`): subgraph tokens carry it, so every fetch re-checks the same child.
   */
  breakGlassChild?: string | undefined;
}

const META: Decision = { effect: 'allow', rule: 'metadata' };
const STRUCTURAL: Decision = { effect: 'allow', rule: 'structural' };
const UNDER_DENIED: Decision = { effect: 'deny', rule: 'enclosing-field-denied' };
const ONE_CHILD_PER_REQUEST: Decision = { effect: 'deny', rule: BREAK_GLASS_ONE_CHILD_PER_REQUEST };

/**
 * Decides every field of an operation (fragments already inlined, see inlineFragments)
 * for one caller and purpose, and builds the operation to execute: denied fields removed,
 * so no subgraph is ever asked for them; masked fields kept, their values masked after
 * execution. `@skip`/`@include` are evaluated with `variables` first: a field execution
 * will not include is neither decided nor reported, and is removed too. SENSITIVE fields
 * are decided with the record they are part of (the nearest enclosing Child), so a
 * protection case or break-glass opens one child's record and nothing reached from it.
 * Break-glass opens one child per operation: when its fields sit under root lookups that
 * may name different children (different values, or different kinds of lookup, which
 * cannot be compared), the operation is planned again with every break-glass field denied.
 * A lookup by an identifier (see lookup-rules.ts) is denied to a caller who may not read
 * that identifier in full, with rule `lookup-needs-full-identifier`.
 * A pure function of the schema, the policy and its arguments: the gateway runs it before
 * planning, and `explainAccess` runs the same to answer `accessExplain`.
 */
export function planAccess(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  context: AccessContext,
  owners: Map<string, Agency[]>,
  variables: Record<string, unknown> | null = {},
): AccessPlan {
  const first = planOnce(schema, operation, context, owners, variables, false);
  if (first.breakGlassRecords.size <= 1) {
    const [record] = first.breakGlassRecords.values();
    return { ...first.plan, ...(record?.childId !== undefined ? { breakGlassChild: record.childId } : {}) };
  }
  return planOnce(schema, operation, context, owners, variables, true).plan;
}

/** One pass over the operation; with `oneChildExceeded`, every field break-glass would open is denied. */
function planOnce(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  context: AccessContext,
  owners: Map<string, Agency[]>,
  variables: Record<string, unknown> | null,
  oneChildExceeded: boolean,
): { plan: AccessPlan; breakGlassRecords: Map<string, RecordScope> } {
  const plan: AccessPlan = { operation, fields: new Map(), denied: [], masked: [], breakGlass: false };
  /** The records break-glass opened a field of, by lookup key. */
  const breakGlassRecords = new Map<string, RecordScope>();
  const root = schema.getRootType(operation.operation);
  if (!root) return { plan, breakGlassRecords };
  const values = coerceVariables(schema, operation, variables);

  interface Place {
    type: GraphQLCompositeType;
    path: string[];
    record: RecordScope;
    /** Set under a denied field: what is below is listed, not executed. */
    underDenied: boolean;
  }

  const walk = (selectionSet: SelectionSetNode, place: Place, into: Map<string, FieldAccess>): SelectionSetNode => {
    const kept: SelectionNode[] = [];
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) continue; // spreads were inlined before planning
      if (!isIncluded(selection, values)) continue;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType) : place.type;
        const inner = walk(selection.selectionSet, { ...place, type }, into);
        if (inner.selections.length) kept.push({ ...selection, selectionSet: inner });
        continue;
      }
      const access = decideField(selection, place);
      const existing = into.get(access.responseKey);
      const merged = existing ?? access;
      if (!existing) into.set(access.responseKey, access);
      const denied = access.decision.effect === 'deny';
      if (place.underDenied || denied) {
        if (denied && !place.underDenied && !existing) plan.denied.push(access);
        // Listed below for explanation only; nothing of it is kept.
        if (selection.selectionSet) walk(selection.selectionSet, inside(selection, access, place, true), merged.children);
        continue;
      }
      // Introspection answers with the schema, which is nobody's record: kept whole, and whether
      // it may run at all is the server's (validation refuses it outside development).
      if (selection.name.value === '__schema' || selection.name.value === '__type') {
        kept.push(selection);
        continue;
      }
      if (access.decision.effect === 'mask' && !existing) plan.masked.push(access);
      if (access.decision.breakGlass) {
        plan.breakGlass = true;
        // scopeInside sets a lookup key wherever break-glass can apply; fail closed if not.
        breakGlassRecords.set(place.record.lookup ?? `unknown@${access.path.join('.')}`, place.record);
      }
      if (!selection.selectionSet) {
        kept.push(selection);
        continue;
      }
      const inner = walk(selection.selectionSet, inside(selection, access, place, false), merged.children);
      // Every sub-field denied: keep the object (its existence was allowed) but ask only its type.
      kept.push({ ...selection, selectionSet: inner.selections.length ? inner : typenameOnly });
    }
    return { ...selectionSet, selections: kept };
  };

  const inside = (node: FieldNode, access: FieldAccess, place: Place, underDenied: boolean): Place => ({
    type: getNamedType(access.type) as GraphQLCompositeType,
    path: access.path,
    record: scopeInside(node, access.type, place.path.length === 0, place.record, values),
    underDenied,
  });

  const decideField = (node: FieldNode, place: Place): FieldAccess => {
    const { type: parentType, path } = place;
    const name = node.name.value;
    const responseKey = node.alias?.value ?? name;
    const coordinate = `${parentType.name}.${name}`;
    const base = { responseKey, coordinate, path: [...path, responseKey], children: new Map<string, FieldAccess>() };
    const string = schema.getType('String') as GraphQLOutputType;
    if (name === '__typename' || name === '__schema' || name === '__type') {
      // Type names and the schema are not child data; introspection itself is on or off by server config.
      return { ...base, fieldClass: 'META', decision: place.underDenied ? UNDER_DENIED : META, type: string };
    }
    const definition = isObjectType(parentType) ? parentType.getFields()[name] : undefined;
    if (!definition) return { ...base, fieldClass: 'META', decision: { effect: 'deny', rule: 'unknown-field' }, type: string };
    const fieldClass = classOf(parentType.name, name);
    if (fieldClass === undefined) return { ...base, fieldClass: 'META', decision: { effect: 'deny', rule: 'unclassified-field' }, type: definition.type };
    if (place.underDenied) return { ...base, fieldClass, decision: UNDER_DENIED, type: definition.type };
    if (fieldClass === 'STRUCTURAL') return { ...base, fieldClass, decision: STRUCTURAL, type: definition.type };
    // A mutation is an action first: refused by its action rule, it is not run at all.
    if (parentType === schema.getMutationType()) {
      const action = decideAction(context, coordinate);
      if (action.effect === 'deny') return { ...base, fieldClass, decision: action, type: definition.type };
    }
    const decision = decide(context, fieldClass, ownersOf(coordinate, owners.get(coordinate) ?? []), place.record);
    // A lookup by an identifier the caller reads masked would tell which candidate number is right: denied.
    const lookup = decision.effect === 'deny' ? undefined : lookupDenial(context, coordinate, (identifier) => owners.get(identifier) ?? []);
    if (lookup) return { ...base, fieldClass, decision: lookup, type: definition.type };
    return { ...base, fieldClass, decision: decision.breakGlass && oneChildExceeded ? ONE_CHILD_PER_REQUEST : decision, type: definition.type };
  };

  const selectionSet = walk(operation.selectionSet, { type: root, path: [], record: {}, underDenied: false }, plan.fields);
  plan.operation = { ...operation, selectionSet };
  return { plan, breakGlassRecords };
}

const typenameOnly: SelectionSetNode = { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }] };
