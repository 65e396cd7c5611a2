import { maskIdentifier, type AccessPlan, type FieldAccess } from '@lbc/schema';
import type { FieldRead } from '@lbc/audit/store';
import { isListType, isNonNullType, type GraphQLOutputType } from 'graphql';
import type { Disclosure } from './disclosure.ts';

export type { MaskedValue } from './disclosure.ts';

/** Signals that the object holding a field must itself become null (GraphQL null propagation). */
const NULL_PARENT = Symbol('null-parent');

/** Fields that carried a value, each with the child it belongs to. */
type Reads = { childId: string | undefined; access: FieldAccess }[];

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
  // nothing. So each call returns its reads, and they are kept only if nothing above drops them.
  const field = (holder: Record<string, unknown>, access: FieldAccess, path: (string | number)[], childId: string | undefined): Reads | typeof NULL_PARENT => {
    const key = access.responseKey;
    if (access.decision.effect === 'deny') {
      if (isNonNullType(access.type)) return NULL_PARENT;
      holder[key] = null;
      return [];
    }
    const value = holder[key];
    if (value === null || value === undefined) return [];
    if (access.decision.effect === 'mask') {
      holder[key] = maskIdentifier(value);
      disclosure.masked.push({ path: [...path, key], coordinate: access.coordinate, rule: access.decision.rule });
      return [{ childId, access }];
    }
    // Walked even when nothing below was asked (all skipped or denied): its marker must go too.
    if (typeof value !== 'object') return [{ childId, access }];
    const below = nested(value, access.type, access.children, [...path, key], childId);
    if (below === NULL_PARENT) {
      if (isNonNullType(access.type)) return NULL_PARENT;
      holder[key] = null;
      return [];
    }
    below.push({ childId, access });
    return below;
  };

  const object = (value: Record<string, unknown>, fields: Map<string, FieldAccess>, path: (string | number)[], inherited: string | undefined): Reads | typeof NULL_PARENT => {
    let childId = inherited;
    if (markerKey !== undefined && markerKey in value) {
      const marker = value[markerKey];
      delete value[markerKey];
      if (typeof marker === 'string') childId = marker;
      else if (marker && typeof marker === 'object' && typeof (marker as { id?: unknown }).id === 'string') childId = (marker as { id: string }).id;
    }
    const reads: Reads = [];
    for (const child of fields.values()) {
      const found = field(value, child, path, childId);
      if (found === NULL_PARENT) return NULL_PARENT;
      for (const read of found) reads.push(read);
    }
    return reads;
  };

  const nested = (value: unknown, type: GraphQLOutputType, children: Map<string, FieldAccess>, path: (string | number)[], childId: string | undefined): Reads | typeof NULL_PARENT => {
    const nullable = isNonNullType(type) ? type.ofType : type;
    if (isListType(nullable)) {
      const items = value as unknown[];
      const reads: Reads = [];
      for (let i = 0; i < items.length; i++) {
        if (items[i] === null || items[i] === undefined) continue;
        const found = nested(items[i], nullable.ofType, children, [...path, i], childId);
        if (found === NULL_PARENT) {
          if (isNonNullType(nullable.ofType)) return NULL_PARENT;
          items[i] = null;
          continue;
        }
        for (const read of found) reads.push(read);
      }
      return reads;
    }
    return typeof value === 'object' ? object(value as Record<string, unknown>, children, path, childId) : [];
  };

  // Every object the response holds is reached from the plan's fields (the executed
  // operation is the plan's, plus the markers), so this one walk removes every marker.
  const reads = object(data, plan.fields, [], undefined);
  const nulled = reads === NULL_PARENT;
  if (!nulled) for (const read of reads) note(read.childId, read.access);
  const sorted = (m: Map<string, FieldRead>) => [...m.values()].sort((a, b) => a.coordinate.localeCompare(b.coordinate));
  disclosure.children = [...byChild].sort(([a], [b]) => a.localeCompare(b)).map(([childId, fields]) => ({ childId, fields: sorted(fields) }));
  disclosure.otherFields = sorted(other);
  return { data: nulled ? null : data, ...disclosure };
}
