import { isObjectType, type GraphQLSchema } from 'graphql';
import type { FieldClass } from './field-class.ts';
import { FIELD_CLASSES_BY_TYPE } from './field-classes.ts';

const PLUMBING_FIELDS = new Set(['edges', 'node', 'cursor', 'pageInfo', 'hasNextPage', 'endCursor']);

/** Connection plumbing: no data of its own, so it takes the class of the field that returned the connection. */
export function isStructural(typeName: string, fieldName: string): boolean {
  return (/(Connection|Edge)$/.test(typeName) || typeName === 'PageInfo') && PLUMBING_FIELDS.has(fieldName);
}

/** The class of `Type.field`, 'STRUCTURAL' for plumbing, or undefined when unclassified (which composition refuses). */
export function classOf(typeName: string, fieldName: string): FieldClass | 'STRUCTURAL' | undefined {
  if (isStructural(typeName, fieldName)) return 'STRUCTURAL';
  const byField = FIELD_CLASSES_BY_TYPE[typeName];
  return byField?.[fieldName] ?? byField?.['*'];
}

/**
 * Checks the classification against a schema: every field classified, every entry naming
 * a real field. Returns the problems (empty when consistent); `pnpm compose` and a test fail on any.
 */
export function classificationProblems(schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  const typeMap = schema.getTypeMap();
  for (const type of Object.values(typeMap)) {
    if (!isObjectType(type) || type.name.startsWith('_') || type.name.startsWith('__')) continue;
    for (const field of Object.keys(type.getFields())) {
      if (field.startsWith('_')) continue; // _entities, _service: federation internals, never reachable through the gateway
      if (classOf(type.name, field) === undefined) problems.push(`${type.name}.${field} has no field class (schema/src/policy/field-classes.ts)`);
    }
  }
  for (const [typeName, fields] of Object.entries(FIELD_CLASSES_BY_TYPE)) {
    const type = typeMap[typeName];
    if (!type || !isObjectType(type)) {
      problems.push(`field-classes.ts names type ${typeName}, which is not in the schema`);
      continue;
    }
    for (const field of Object.keys(fields)) {
      if (field !== '*' && !type.getFields()[field]) problems.push(`field-classes.ts names ${typeName}.${field}, which is not in the schema`);
    }
  }
  return problems;
}
