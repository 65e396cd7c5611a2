import { maskIdentifier, type AccessPlan, type FieldAccess } from '@lbc/schema';
import type { FieldRead } from '@lbc/audit/store';
import { isListType, isNonNullType, type GraphQLOutputType } from 'graphql';
import type { Disclosure } from './disclosure.ts';

export type { MaskedValue } from './disclosure.ts';

/** Signals that the object holding a field must itself become null (GraphQL null propagation). */
const NULL_PARENT = Symbol('null-parent');

export interface ApplyAccessOptions {
  /** The response key under which child objects were asked for their child's id (see withChildMarkers). */
  markerKey?: string;
  /** Which agencies own each field coordinate: who is told of an access. */
  owners?: Map<string, readonly string[]>;
}

/**
 * After execution, one walk over the response as it will leave: writes null where a
 * denied field was asked (propagating to the nearest nullable parent when the field is
 * non-null, exactly as GraphQL does for errors), masks the values of masked fields,
 * removes the child markers, and lists — per child — every field that carried a value,
 * which is what the audit records. Null values were not disclosed and are not listed;
 * denied fields are recorded by the plan, not here.
 */
export function applyAccess(data: Record<string, unknown> | null | undefined, plan: AccessPlan, options: ApplyAccessOptions = {}): Disclosure & { data: Record<string, unknown> | null } {
  const { markerKey, owners } = options;
  const disclosure: Disclosure = { masked: [], children: [], otherFields: [] };
  // Execution already nulled the whole result (a non-null root failed): nothing was disclosed.
  if (!data) return { data: null, ...disclosure };
  const byChild = new Map<string, Map<string, FieldRead>>();
  const other = new Map<string, FieldRead>();

  const note = (childId: string | undefined, access: FieldAccess) => {
    if (access.fieldClass === 'STRUCTURAL' || access.fieldClass === 'META') return;
    const bucket = childId === undefined ? other : (byChild.get(childId) ?? byChild.set(childId, new Map()).get(childId)!);
    if (bucket.has(access.coordinate)) return;
    bucket.set(access.coordinate, { coordinate: access.coordinate, fieldClass: access.fieldClass, masked: access.decision.effect === 'mask', owners: [...(owners?.get(access.coordinate) ?? [])] });
  };

  // What a subtree disclosed is known only once the subtree is settled: a denied non-null
  // field further on may still null the object holding it, and a nulled object discloses
  // nothing. So reads are pushed as found, and a subtree that is nulled takes back what it
  // pushed (the list is cut back to its length before the subtree). `path` is one stack,
  // pushed and popped as the walk goes: it is copied only for a masked value's report.
  const reads: { childId: string | undefined; access: FieldAccess }[] = [];
  const path: (string | number)[] = [];

  /** Walks one field of `holder`; NULL_PARENT when `holder` itself must become null. */
  const field = (holder: Record<string, unknown>, access: FieldAccess, childId: string | undefined): typeof NULL_PARENT | undefined => {
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
      disclosure.masked.push({ path: [...path, key], coordinate: access.coordinate, rule: access.decision.rule });
      reads.push({ childId, access });
      return undefined;
    }
    // Walked even when nothing below was asked (all skipped or denied): its marker must go too.
    if (typeof value !== 'object') {
      reads.push({ childId, access });
      return undefined;
    }
    const before = reads.length;
    path.push(key);
    const below = nested(value, access.type, access.children, childId);
    path.pop();
    if (below === NULL_PARENT) {
      reads.length = before;
      if (isNonNullType(access.type)) return NULL_PARENT;
      holder[key] = null;
      return undefined;
    }
    reads.push({ childId, access });
    return undefined;
  };

  const object = (value: Record<string, unknown>, fields: Map<string, FieldAccess>, inherited: string | undefined): typeof NULL_PARENT | undefined => {
    let childId = inherited;
    if (markerKey !== undefined && markerKey in value) {
      const marker = value[markerKey];
      delete value[markerKey];
      if (typeof marker === 'string') childId = marker;
      else if (marker && typeof marker === 'object' && typeof (marker as { id?: unknown }).id === 'string') childId = (marker as { id: string }).id;
    }
    for (const child of fields.values()) if (field(value, child, childId) === NULL_PARENT) return NULL_PARENT;
    return undefined;
  };

  const nested = (value: unknown, type: GraphQLOutputType, children: Map<string, FieldAccess>, childId: string | undefined): typeof NULL_PARENT | undefined => {
    const nullable = isNonNullType(type) ? type.ofType : type;
    if (isListType(nullable)) {
      const items = value as unknown[];
      for (let i = 0; i < items.length; i++) {
        if (items[i] === null || items[i] === undefined) continue;
        const before = reads.length;
        path.push(i);
        const found = nested(items[i], nullable.ofType, children, childId);
        path.pop();
        if (found === NULL_PARENT) {
          reads.length = before;
          if (isNonNullType(nullable.ofType)) return NULL_PARENT;
          items[i] = null;
        }
      }
      return undefined;
    }
    return typeof value === 'object' ? object(value as Record<string, unknown>, children, childId) : undefined;
  };

  // Every object the response holds is reached from the plan's fields (the executed
  // operation is the plan's, plus the markers), so this one walk removes every marker.
  const nulled = object(data, plan.fields, undefined) === NULL_PARENT;
  if (!nulled) for (const read of reads) note(read.childId, read.access);
  const sorted = (m: Map<string, FieldRead>) => [...m.values()].sort((a, b) => a.coordinate.localeCompare(b.coordinate));
  disclosure.children = [...byChild].sort(([a], [b]) => a.localeCompare(b)).map(([childId, fields]) => ({ childId, fields: sorted(fields) }));
  disclosure.otherFields = sorted(other);
  return { data: nulled ? null : data, ...disclosure };
}
