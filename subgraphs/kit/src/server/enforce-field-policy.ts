import {
  CHILD_TYPE,
  classOf,
  decide,
  decideAction,
  forbidden,
  keyLookupDenial,
  LOOKUP_RULES,
  lookupDenial,
  maskIdentifier,
  ownersOf,
  unauthorizedField,
  type AccessContext,
  type Agency,
  type Decision,
  type FieldClass,
  type RecordScope,
} from '@lbc/schema';
import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { ChildBindings } from './child-bindings.ts';
import type { SubgraphContext } from './subgraph-definition.ts';

type PolicyContext = Pick<SubgraphContext<unknown, unknown>, 'principal' | 'purpose' | 'justification' | 'case' | 'breakGlassChild'>;

/**
 * For what a resolver does beyond returning a field — filtering by a fact, for instance —
 * the same rule: throws UNAUTHORIZED_FIELD_OR_TYPE unless the caller may read `fieldClass`.
 */
export function assertMayRead(context: PolicyContext, fieldClass: FieldClass, coordinate: string, owner: Agency): void {
  const decision = decide(accessContext(context), fieldClass, [owner]);
  if (decision.effect !== 'allow') throw unauthorizedField(coordinate, decision.rule);
}

/**
 * A lookup by identifier (schema/src/policy/lookup-rules.ts) only for a caller who reads
 * that identifier in full: throws UNAUTHORIZED_FIELD_OR_TYPE (rule
 * `lookup-needs-full-identifier`) otherwise, so a masked identifier cannot be recovered
 * by trying candidates. enforceFieldPolicy applies it to every declared lookup field.
 */
export function assertMayLookUp(context: PolicyContext, coordinate: string, owner: Agency): void {
  const denial = lookupDenial(accessContext(context), coordinate, () => [owner]);
  if (denial) throw unauthorizedField(coordinate, denial.rule);
}

/** The same for entering a type by an identifier entity key (`_entities` with `{ __typename: 'Child', idNumber }`): for `__resolveReference`. */
export function assertMayLookUpByKey(context: PolicyContext, keyCoordinate: string, owner: Agency): void {
  const denial = keyLookupDenial(accessContext(context), keyCoordinate, [owner]);
  if (denial) throw unauthorizedField(keyCoordinate, denial.rule);
}

function accessContext(context: PolicyContext): AccessContext {
  return { principal: context.principal, purpose: context.purpose, justification: context.justification, case: context.case, breakGlassChild: context.breakGlassChild };
}

/** Per request, and only when a case or break-glass could open a SENSITIVE field: whose record each row is. */
const bindingsByRequest = new WeakMap<object, ChildBindings>();
function bindingsOf(context: PolicyContext): ChildBindings | undefined {
  if (!context.case && !context.justification) return undefined;
  let bindings = bindingsByRequest.get(context);
  if (!bindings) bindingsByRequest.set(context, (bindings = new ChildBindings()));
  return bindings;
}

/**
 * Defense in depth: the subgraph applies the same field rules as the gateway, to the
 * principal, purpose, case and justification the gateway vouched for. In normal operation
 * the gateway has already removed every denied field and nothing here fires; it matters
 * when a request reaches the subgraph some other way (a replayed gateway token asking for
 * more). Every classified field's resolver is wrapped: denied → error, masked → masked
 * value; a lookup by identifier also needs that identifier in full (assertMayLookUp).
 * `_entities`/`_service` and connection plumbing are left to the token check and
 * to the field that returned the connection (an identifier key: assertMayLookUpByKey).
 *
 * A SENSITIVE field opened by the token's protection case is read only on the rows of
 * the case's child (see ChildBindings: the nearest enclosing Child of the rows actually
 * resolved); one opened by break-glass only on the rows of the child the token names
 * (the gateway's planner grants break-glass for one child per operation and names it when
 * looked up by hub id, so every fetch of the operation agrees), and in any case of only the
 * first child read under it in this subgraph request. Whether that child was looked up directly, and how recently the caller
 * signed in, is the gateway's check on the operation (the subgraph sees only `_entities`);
 * the sign-in time travels in the token, so the time box is checked here too.
 */
export function enforceFieldPolicy(schema: GraphQLSchema, owner: Agency): GraphQLSchema {
  const childIdOf = childIdReader(schema);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('_')) continue;
    const isChild = type.name === CHILD_TYPE;
    for (const field of Object.values(type.getFields())) {
      if (field.name.startsWith('_')) continue;
      const fieldClass = classOf(type.name, field.name);
      const coordinate = `${type.name}.${field.name}`;
      const resolve = field.resolve ?? defaultFieldResolver;
      const isLookup = LOOKUP_RULES[coordinate] !== undefined;
      const isAction = type === schema.getMutationType();
      const childOf = (source: unknown, bindings: ChildBindings, context: PolicyContext, info: Parameters<GraphQLFieldResolver<unknown, unknown>>[3]) =>
        isChild ? childIdOf(source, context, info) : bindings.childOf(source);
      if (fieldClass === 'STRUCTURAL') {
        // Plumbing decides nothing, but carries whose record its rows are (connection → edges → node).
        field.resolve = (source, args, context: PolicyContext, info) => {
          const bindings = bindingsOf(context);
          const value = resolve(source, args, context, info);
          return bindings ? bindings.bindResult(value, childOf(source, bindings, context, info)) : value;
        };
        continue;
      }
      field.resolve = (source, args, context: SubgraphContext<unknown, unknown>, info) => {
        // A mutation is an action first, as at the gateway: its rule refuses before its field class is read.
        if (isAction) assertMayAct(context, coordinate);
        const bindings = bindingsOf(context);
        const childId = bindings ? childOf(source, bindings, context, info) : undefined;
        const decision: Decision = fieldClass === undefined ? { effect: 'deny', rule: 'unclassified-field' } : decideHere(context, fieldClass, coordinate, owner, childId, bindings);
        if (decision.effect === 'deny') throw unauthorizedField(coordinate, decision.rule);
        if (isLookup) assertMayLookUp(context, coordinate, owner);
        let value = resolve(source, args, context, info);
        if (bindings) value = bindings.bindResult(value, childId);
        if (decision.effect !== 'mask') return value;
        return value instanceof Promise ? value.then(maskIdentifier) : maskIdentifier(value);
      };
    }
  }
  return schema;
}

/** A mutation the gateway vouched for is re-checked against its action rule: FORBIDDEN naming the rule, nothing written. */
function assertMayAct(context: PolicyContext, coordinate: string): void {
  const action = decideAction(context, coordinate);
  if (action.effect === 'deny') throw forbidden(`not allowed to perform ${coordinate}`, { action: coordinate, rule: action.rule, inResolver: true });
}

function decideHere(context: PolicyContext, fieldClass: FieldClass, coordinate: string, owner: Agency, childId: string | undefined, bindings: ChildBindings | undefined): Decision {
  const owners = ownersOf(coordinate, [owner]);
  if (fieldClass !== 'SENSITIVE' || !bindings) return decide(accessContext(context), fieldClass, owners);
  const record: RecordScope = { childId, singleChild: childId !== undefined };
  const decision = decide(accessContext(context), fieldClass, owners, record);
  // Break-glass is for one child: a second child in the same request is decided as a list would be.
  if (decision.breakGlass && !bindings.claimBreakGlass(childId!)) return decide(accessContext(context), fieldClass, owners, { childId, singleChild: false });
  return decision;
}

/** Reads a Child object's hub id the way the subgraph's own `Child.id` resolver does (rows name it differently). */
function childIdReader(schema: GraphQLSchema) {
  const child = schema.getType(CHILD_TYPE);
  const idResolver = isObjectType(child) ? child.getFields()['id']?.resolve : undefined;
  return (source: unknown, context: unknown, info: Parameters<GraphQLFieldResolver<unknown, unknown>>[3]): string | undefined => {
    if (typeof source !== 'object' || source === null) return undefined;
    // The default resolver reads info.fieldName, which is not "id" here: read the property itself.
    const id = idResolver ? idResolver(source, {}, context, info) : (source as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  };
}
