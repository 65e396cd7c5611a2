import { maskIdNumber, redactText } from '@lbc/schema';
import { Kind, print, visit, type ASTNode, type OperationDefinitionNode } from 'graphql';
import { createHash } from 'node:crypto';

/** Argument and variable names that hold personal identifiers whatever their shape. */
const IDENTIFIER_NAME = /(idnumber|studentnumber|phone|number)$/i;
/** A run of 11+ digits: an ID number (18), a phone (11), a student number (G + 18). Registry ids (LB + 9) stay readable. */
const LONG_DIGITS = /\d{11,}/;

/** Masks an identifier the way the hub masks it everywhere: only the registration area (first 6) survives. */
function redactString(value: string, name?: string): string {
  return (name && IDENTIFIER_NAME.test(name)) || LONG_DIGITS.test(value) ? maskIdNumber(value) : value;
}

/** The request's variables with personal identifiers masked, for the audit entry. */
export function redactVariables(value: unknown, name?: string): unknown {
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) >= 1e10 ? maskIdNumber(String(value)) : value;
  if (typeof value === 'string') return redactString(value, name);
  if (Array.isArray(value)) return value.map((item) => redactVariables(item, name));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, redactVariables(member, key)]));
  }
  return value;
}

/**
 * What a mutation writes stays with the agency that owns it: the log says which record
 * changed, not to what. Values in a mutation's variables and literals are withheld; record
 * references (hub ids: `childId`, `id`, …) and the version an edit read stay readable.
 */
const RECORD_REFERENCE = /(^id$|Id$|^expectedVersion$)/;
const WITHHELD = '[withheld]';

/** A mutation's variables with every value withheld but record references (see RECORD_REFERENCE). */
export function withheldVariables(value: unknown, name?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => withheldVariables(item, name));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, withheldVariables(member, key)]));
  if (value === null || value === undefined) return value;
  return name && RECORD_REFERENCE.test(name) ? redactVariables(value, name) : WITHHELD;
}

/**
 * The operation as executed for the caller, printed canonically, string literals holding
 * identifiers masked — the text auditors read and the operation hash is taken over. In a
 * mutation, literal values are withheld as its variables are (withheldVariables).
 */
export function normalizedOperation(operation: OperationDefinitionNode): { text: string; hash: string } {
  const source = operation.operation === 'mutation' ? withholdLiterals(operation) : operation;
  const redacted = visit(source, {
    Argument: (node) => (node.value.kind === Kind.STRING ? { ...node, value: { ...node.value, value: redactString(node.value.value, node.name.value) } } : undefined),
    ObjectField: (node) => (node.value.kind === Kind.STRING ? { ...node, value: { ...node.value, value: redactString(node.value.value, node.name.value) } } : undefined),
    StringValue: (node) => ({ ...node, value: redactString(node.value) }),
    // An ID number is also accepted as a bare integer literal.
    IntValue: (node) => (LONG_DIGITS.test(node.value) ? { kind: Kind.STRING, value: maskIdNumber(node.value) } : undefined),
    FloatValue: (node) => (LONG_DIGITS.test(node.value) ? { kind: Kind.STRING, value: maskIdNumber(node.value) } : undefined),
  }) as ASTNode;
  // Names (an operation called Lookup431003…) are caller text too.
  const text = redactText(print(redacted));
  return { text, hash: createHash('sha256').update(text).digest('hex') };
}

/** A mutation's literal values replaced by a marker, but those of record references. */
function withholdLiterals(operation: OperationDefinitionNode): OperationDefinitionNode {
  const withhold = (node: { name: { value: string }; value: { kind: Kind } }) =>
    RECORD_REFERENCE.test(node.name.value) || node.value.kind === Kind.VARIABLE || node.value.kind === Kind.OBJECT || node.value.kind === Kind.LIST
      ? undefined
      : { ...node, value: { kind: Kind.STRING, value: WITHHELD } };
  return visit(operation, { Argument: withhold, ObjectField: withhold }) as OperationDefinitionNode;
}
