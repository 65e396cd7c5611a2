import { getNamedType, isInputObjectType, isObjectType, Kind, parse, type GraphQLArgument, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import type { Agency } from '../principal.ts';
import { classOf } from './classify.ts';
import { decide, type AccessContext, type Decision } from './decide.ts';
import { ownersOf } from './field-classes.ts';

/** A lookup by a personal identifier: the argument that carries it, and the field whose value it is. */
export interface LookupRule {
  argument: string;
  /** `Type.field` of the identifier: the caller must be allowed to read it in full. */
  identifier: string;
}

/**
 * THE lookups by identifier, by `Type.field`. A caller who reads an identifier masked
 * (`431003************`) still reads the birth date and sex, which leave a few hundred
 * candidate ID numbers: if it could look a child up by each, the lookup would answer
 * which one is right, and masking would hide nothing. So only a caller who may read the
 * identifier in full may look a record up by it (see lookupDenial). A field that takes an
 * identifier argument and is missing here fails a test (lookupRuleProblems).
 */
export const LOOKUP_RULES: Record<string, LookupRule> = {
  'Query.childByIdNumber': { argument: 'idNumber', identifier: 'Child.idNumber' },
  'Query.residentByIdNumber': { argument: 'idNumber', identifier: 'Child.idNumber' },
  'Query.healthRecordByIdNumber': { argument: 'idNumber', identifier: 'HealthRecord.idNumber' },
  'Query.healthRecordByNumber': { argument: 'number', identifier: 'HealthRecord.number' },
  // A student number is G + the ID number: the same digits, the same rule.
  'Query.enrollmentByStudentNumber': { argument: 'studentNumber', identifier: 'Enrollment.studentNumber' },
  'Query.household': { argument: 'number', identifier: 'Household.number' },
};

/**
 * Mutations whose input carries an identifier to WRITE, not to look a record up by: the
 * registry records a surveyed child's ID number, a school the student number it issues,
 * the police a household number they register into. They are not lookup rules: the caller
 * must be able to record a number it may not read back in full elsewhere. What remains of
 * an oracle is that a number already taken is refused as taken (the database keeps it
 * unique); each such attempt is an audited write attempt by an officer of the agency that
 * owns the record, at a front-line level, and refused attempts show in the audit log.
 */
export const IDENTIFIER_WRITES: Record<string, string> = {
  'Mutation.registerChild': 'input.idNumber',
  'Mutation.enrollChild': 'input.studentNumber',
  'Mutation.registerUnregisteredChild': 'input.householdNumber',
};

/**
 * Entity keys that are identifiers, as `Type.keyField`: entering the type by such a key
 * (`_entities` with `{ __typename: 'Child', idNumber }`) is a lookup by it, under the
 * same rule. Only a subgraph sees these (the gateway plans none today), so each
 * subgraph's `__resolveReference` checks them (the kit's assertMayLookUp).
 */
export const IDENTIFIER_KEY_LOOKUPS: readonly string[] = ['Child.idNumber'];

/** The rule named in the error, in `accessExplain` and in the audit when a lookup is refused. */
export const LOOKUP_NEEDS_FULL_IDENTIFIER = 'lookup-needs-full-identifier';

/**
 * Whether the caller may look a record up through the field `coordinate`: a deny decision
 * (rule `lookup-needs-full-identifier`) unless `decide` gives it the identifier in full —
 * 'allow', not 'mask'. Undefined when the caller may, or when the field is no lookup by
 * identifier. `resolving` gives the agencies whose subgraphs resolve a field (the
 * gateway: from the supergraph; a subgraph: itself), as for any field decision.
 */
export function lookupDenial(context: AccessContext, coordinate: string, resolving: (identifier: string) => readonly Agency[]): Decision | undefined {
  const rule = LOOKUP_RULES[coordinate];
  return rule ? fullIdentifierDenial(context, rule.identifier, resolving(rule.identifier)) : undefined;
}

/** The same for entering a type by an entity key (`Child.idNumber`): undefined unless the key is an identifier the caller may not read in full. */
export function keyLookupDenial(context: AccessContext, keyCoordinate: string, resolving: readonly Agency[]): Decision | undefined {
  return IDENTIFIER_KEY_LOOKUPS.includes(keyCoordinate) ? fullIdentifierDenial(context, keyCoordinate, resolving) : undefined;
}

function fullIdentifierDenial(context: AccessContext, identifier: string, resolving: readonly Agency[]): Decision | undefined {
  const [typeName, fieldName] = identifier.split('.') as [string, string];
  const fieldClass = classOf(typeName, fieldName);
  // An identifier without a class of its own cannot be decided: default deny.
  if (fieldClass === undefined || fieldClass === 'STRUCTURAL') return { effect: 'deny', rule: LOOKUP_NEEDS_FULL_IDENTIFIER };
  const decision = decide(context, fieldClass, ownersOf(identifier, resolving));
  return decision.effect === 'allow' ? undefined : { effect: 'deny', rule: LOOKUP_NEEDS_FULL_IDENTIFIER };
}

/** Argument names that carry a record number of some kind (idNumber, studentNumber, number …). */
const NUMBER_ARGUMENT = /number$/i;
const IDENTIFIER_SCALARS = new Set(['IdNumber']);

/** Whether an argument can carry an identifier: an identifier scalar, a name like `…Number`, or an input object holding one. */
export function isIdentifierArgument(argument: Pick<GraphQLArgument, 'name' | 'type'>): boolean {
  return NUMBER_ARGUMENT.test(argument.name) || holdsIdentifier(argument.type, new Set());
}

function holdsIdentifier(type: GraphQLInputType, seen: Set<string>): boolean {
  const named = getNamedType(type);
  if (IDENTIFIER_SCALARS.has(named.name)) return true;
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => NUMBER_ARGUMENT.test(field.name) || holdsIdentifier(field.type, seen));
}

/**
 * Checks the lookup rules against a schema: every field (at any depth) with an identifier
 * argument has a rule, and every rule names a real field, its real argument and an
 * IDENTIFIER field. Returns the problems (empty when consistent); a test fails on any.
 */
export function lookupRuleProblems(schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('_')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.name.startsWith('_')) continue;
      const coordinate = `${type.name}.${field.name}`;
      const identifierArguments = field.args.filter(isIdentifierArgument);
      if (identifierArguments.length && !LOOKUP_RULES[coordinate] && !IDENTIFIER_WRITES[coordinate]) {
        problems.push(`${coordinate}(${identifierArguments.map((a) => a.name).join(', ')}) looks up by an identifier with no lookup rule (schema/src/policy/lookup-rules.ts)`);
      }
    }
  }
  for (const [coordinate, rule] of Object.entries(LOOKUP_RULES)) {
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    const type = schema.getType(typeName);
    const field = type && isObjectType(type) ? type.getFields()[fieldName] : undefined;
    if (!field) problems.push(`lookup-rules.ts names ${coordinate}, which is not in the schema`);
    else if (!field.args.some((a) => a.name === rule.argument)) problems.push(`lookup-rules.ts names argument ${rule.argument} of ${coordinate}, which has no such argument`);
    problems.push(...identifierProblems(schema, rule.identifier));
  }
  return problems;
}

/**
 * Checks the identifier entity keys against a supergraph: every `@key` of a type whose
 * fields include an IDENTIFIER field is declared in IDENTIFIER_KEY_LOOKUPS, and every
 * declared key is a real key. Returns the problems (empty when consistent).
 */
export function identifierKeyProblems(supergraphSdl: string, apiSchema: GraphQLSchema): string[] {
  const problems: string[] = [];
  const keys = new Set<string>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'join__type') continue;
      const key = directive.arguments?.find((a) => a.name.value === 'key')?.value;
      if (key?.kind !== Kind.STRING) continue;
      // Nested keys (`a { b }`) name their top-level fields here; an identifier among them still counts.
      for (const name of key.value
        .replace(/\{[^}]*\}/g, ' ')
        .split(/[\s,]+/)
        .filter(Boolean))
        keys.add(`${definition.name.value}.${name}`);
    }
  }
  for (const coordinate of keys) {
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    if (classOf(typeName, fieldName) === 'IDENTIFIER' && !IDENTIFIER_KEY_LOOKUPS.includes(coordinate)) {
      problems.push(`${coordinate} is an entity key and an identifier with no lookup rule (IDENTIFIER_KEY_LOOKUPS in schema/src/policy/lookup-rules.ts)`);
    }
  }
  for (const coordinate of IDENTIFIER_KEY_LOOKUPS) {
    if (!keys.has(coordinate)) problems.push(`IDENTIFIER_KEY_LOOKUPS names ${coordinate}, which is no entity key of the supergraph`);
    problems.push(...identifierProblems(apiSchema, coordinate));
  }
  return problems;
}

function identifierProblems(schema: GraphQLSchema, identifier: string): string[] {
  const [typeName, fieldName] = identifier.split('.') as [string, string];
  const type = schema.getType(typeName);
  if (!type || !isObjectType(type) || !type.getFields()[fieldName]) return [`lookup-rules.ts names identifier ${identifier}, which is not in the schema`];
  if (classOf(typeName, fieldName) !== 'IDENTIFIER') return [`lookup-rules.ts names identifier ${identifier}, whose class is not IDENTIFIER`];
  return [];
}
