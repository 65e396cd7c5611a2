import type { AccessPlan, FieldAccess } from '@lbc/schema';
import type { ChildFields, FieldRead } from '@lbc/audit/store';
import { isListType, isNonNullType, type GraphQLOutputType } from 'graphql';

export interface CollectedAccess {
  children: ChildFields[];
  /** Fields returned that belong to no child (regions, schools …). */
  otherFields: FieldRead[];
}

/**
 * Walks the response as it will leave the gateway and lists, per child, every field that
 * carries a value — masked or in full — and removes the child markers (see
 * withChildMarkers). Denied fields are null by now and are not listed here (they are
 * recorded as denied); null values were not disclosed and are not listed either.
 */
export function collectAccess(data: Record<string, unknown> | null, plan: AccessPlan, childKey: string, owners: Map<string, readonly string[]>): CollectedAccess {
  const byChild = new Map<string, Map<string, FieldRead>>();
  const other = new Map<string, FieldRead>();
  if (!data) return { children: [], otherFields: [] };

  const note = (childId: string | undefined, access: FieldAccess) => {
    if (access.fieldClass === 'STRUCTURAL' || access.fieldClass === 'META') return;
    const bucket = childId === undefined ? other : (byChild.get(childId) ?? byChild.set(childId, new Map()).get(childId)!);
    if (bucket.has(access.coordinate)) return;
    bucket.set(access.coordinate, {
      coordinate: access.coordinate,
      fieldClass: access.fieldClass,
      masked: access.decision.effect === 'mask',
      owners: [...(owners.get(access.coordinate) ?? [])],
    });
  };

  const object = (value: Record<string, unknown>, fields: Map<string, FieldAccess>, inherited: string | undefined) => {
    const marker = value[childKey];
    delete value[childKey];
    const childId = typeof marker === 'string' ? marker : marker && typeof marker === 'object' && typeof (marker as { id?: unknown }).id === 'string' ? (marker as { id: string }).id : inherited;
    for (const access of fields.values()) {
      const held = value[access.responseKey];
      if (held === null || held === undefined || access.decision.effect === 'deny') continue;
      note(childId, access);
      // Walked even when nothing below was asked (all skipped or denied): its marker must go too.
      if (typeof held === 'object') nested(held, access.type, access.children, childId);
    }
  };

  const nested = (value: unknown, type: GraphQLOutputType, fields: Map<string, FieldAccess>, childId: string | undefined) => {
    const nullable = isNonNullType(type) ? type.ofType : type;
    if (isListType(nullable)) {
      for (const item of value as unknown[]) if (item !== null && item !== undefined) nested(item, nullable.ofType, fields, childId);
      return;
    }
    if (typeof value === 'object') object(value as Record<string, unknown>, fields, childId);
  };

  // Every object the response holds is reached from the plan's fields (the executed
  // operation is the plan's, plus the markers), so this one walk removes every marker.
  object(data, plan.fields, undefined);
  const sorted = (m: Map<string, FieldRead>) => [...m.values()].sort((a, b) => a.coordinate.localeCompare(b.coordinate));
  return {
    children: [...byChild].sort(([a], [b]) => a.localeCompare(b)).map(([childId, fields]) => ({ childId, fields: sorted(fields) })),
    otherFields: sorted(other),
  };
}
