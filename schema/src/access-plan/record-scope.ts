import { getNamedType, Kind, type FieldNode, type GraphQLOutputType } from 'graphql';
import type { RecordScope } from '../policy/decide.ts';
import type { VariableValues } from './include-directives.ts';

/** The type whose record a protection case or break-glass opens: one child. */
export const CHILD_TYPE = 'Child';

/**
 * Root fields that look up exactly one child directly, and the argument holding its hub
 * id when the lookup is by hub id. Break-glass reads through these only; a protection
 * case through `child(id:)` only, since its child is known by hub id.
 */
const SINGLE_CHILD_LOOKUPS: Record<string, string | null> = {
  child: 'id',
  childByIdNumber: null,
  residentByIdNumber: null,
};

/**
 * The record scope inside the object a field returns. A field of type Child opens a new
 * scope: the child of a root single-child lookup (with its id when written in the
 * operation, literally or as a variable), or an unknown child anywhere else — a list, a
 * household member, a school's pupil. Any other field stays in its parent's scope: the
 * nearest enclosing Child decides whose record a nested field is part of.
 */
export function scopeInside(field: FieldNode, type: GraphQLOutputType, atRoot: boolean, parent: RecordScope, variables: VariableValues): RecordScope {
  if (getNamedType(type).name !== CHILD_TYPE) return parent;
  const name = field.name.value;
  if (!atRoot || !(name in SINGLE_CHILD_LOOKUPS)) return {};
  // A list-returning root field is never a single child, whatever its name.
  if (type.toString().includes('[')) return {};
  const idArgument = SINGLE_CHILD_LOOKUPS[name];
  const childId = idArgument ? argumentValue(field, idArgument, variables) : undefined;
  return { singleChild: true, ...(childId === undefined ? {} : { childId }) };
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
