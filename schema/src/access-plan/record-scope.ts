import { getNamedType, Kind, type FieldNode, type GraphQLOutputType } from 'graphql';
import type { RecordScope } from '../policy/decide.ts';
import type { VariableValues } from './include-directives.ts';

/** The type whose record a protection case or break-glass opens: one child. */
export const CHILD_TYPE = 'Child';

/**
 * Root fields that look up exactly one child directly, the argument naming that child,
 * and whether that argument is the child's hub id. Break-glass reads through these only;
 * a protection case through `child(id:)` only, since its child is known by hub id.
 */
const SINGLE_CHILD_LOOKUPS: Record<string, { argument: string; hubId: boolean }> = {
  child: { argument: 'id', hubId: true },
  childByIdNumber: { argument: 'idNumber', hubId: false },
  residentByIdNumber: { argument: 'idNumber', hubId: false },
};

/**
 * The record scope inside the object a field returns. A field of type Child opens a new
 * scope: the child of a root single-child lookup (with its id when written in the
 * operation, literally or as a variable), or an unknown child anywhere else — a list, a
 * household member, a school's pupil. Any other field stays in its parent's scope: the
 * nearest enclosing Child decides whose record a nested field is part of.
 *
 * A root lookup also gets a `lookup` key: its kind and the value naming the child, so two
 * lookups with equal keys surely name the same child. Lookups of different kinds (by hub
 * id, by ID number) get different keys although they may name one child: nothing in the
 * operation can tell. A value the operation does not give gets a key of its own
 * (`responseKey`), equal to no other lookup's.
 */
export function scopeInside(field: FieldNode, type: GraphQLOutputType, atRoot: boolean, parent: RecordScope, variables: VariableValues): RecordScope {
  if (getNamedType(type).name !== CHILD_TYPE) return parent;
  const name = field.name.value;
  const lookup = SINGLE_CHILD_LOOKUPS[name];
  if (!atRoot || !lookup) return {};
  // A list-returning root field is never a single child, whatever its name.
  if (type.toString().includes('[')) return {};
  const value = argumentValue(field, lookup.argument, variables);
  const lookupKey = value === undefined ? `${name}@${field.alias?.value ?? name}` : `${name}:${value}`;
  return { singleChild: true, lookup: lookupKey, ...(lookup.hubId && value !== undefined ? { childId: value } : {}) };
}

function argumentValue(field: FieldNode, name: string, variables: VariableValues): string | undefined {
  const value = field.arguments?.find((a) => a.name.value === name)?.value;
  if (!value) return undefined;
  if (value.kind === Kind.STRING || value.kind === Kind.INT) return value.value;
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    return typeof given === 'string' || typeof given === 'number' ? String(given) : undefined;
  }
  return undefined;
}
