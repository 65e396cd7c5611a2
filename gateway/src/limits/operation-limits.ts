import { hubError } from '@lbc/schema';
import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/** What one operation may ask for, counted after fragment expansion: what the gateway will really plan and walk. */
export interface OperationLimits {
  /** Lexical tokens of the document; parsing stops past it (the cheapest bound, checked first). */
  maxTokens: number;
  /** Nesting of fields. A child's report's emergency responses is 10 levels. */
  maxDepth: number;
  /** Fields once every fragment spread is expanded in place: what fragments that spread each other twice multiply. */
  maxFields: number;
  /** Aliased fields after expansion: aliases let one request repeat an expensive field. */
  maxAliases: number;
  /** Directives after expansion. */
  maxDirectives: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = { maxTokens: 5_000, maxDepth: 15, maxFields: 1_500, maxAliases: 30, maxDirectives: 50 };

/** Response keys the gateway uses for its own questions (the audit's child markers): no caller may use one. */
export const RESERVED_KEY_PREFIX = '_lbc';

interface Measure {
  fields: number;
  aliases: number;
  directives: number;
  depth: number;
}

/**
 * Measures the operation as it would run, fragments expanded, without expanding them:
 * each fragment is measured once and its measure reused at every spread, so the work is
 * linear in the document's size while the counts are those of the expansion (which can
 * be exponential: 17 fragments spreading the previous one twice make 131,072 fields from
 * under 1 kB). Throws OPERATION_TOO_COMPLEX naming the limit exceeded.
 */
export function checkOperationLimits(document: DocumentNode, operation: OperationDefinitionNode, limits: OperationLimits): void {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const measured = new Map<string, Measure>();
  const inProgress = new Set<string>();

  const measureSet = (selectionSet: SelectionSetNode): Measure => {
    const total: Measure = { fields: 0, aliases: 0, directives: 0, depth: 0 };
    for (const selection of selectionSet.selections) {
      total.directives += selection.directives?.length ?? 0;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        if (key.startsWith(RESERVED_KEY_PREFIX)) throw hubError('GRAPHQL_VALIDATION_FAILED', `response keys starting with "${RESERVED_KEY_PREFIX}" are reserved by the hub`);
        const inner = selection.selectionSet ? measureSet(selection.selectionSet) : { fields: 0, aliases: 0, directives: 0, depth: 0 };
        add(total, inner);
        total.fields += 1;
        if (selection.alias) total.aliases += 1;
        total.depth = Math.max(total.depth, 1 + inner.depth);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const inner = measureSet(selection.selectionSet);
        add(total, inner);
        total.depth = Math.max(total.depth, inner.depth);
      } else {
        const inner = measureFragment(selection.name.value);
        add(total, inner);
        total.depth = Math.max(total.depth, inner.depth);
      }
    }
    return total;
  };

  const measureFragment = (name: string): Measure => {
    const known = measured.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    // Unknown fragments and cycles are validation errors; measured as empty here so validation can name them.
    if (!fragment || inProgress.has(name)) return { fields: 0, aliases: 0, directives: 0, depth: 0 };
    inProgress.add(name);
    const measure = measureSet(fragment.selectionSet);
    measure.directives += fragment.directives?.length ?? 0;
    inProgress.delete(name);
    measured.set(name, measure);
    return measure;
  };

  const total = measureSet(operation.selectionSet);
  total.directives += operation.directives?.length ?? 0;
  if (total.depth > limits.maxDepth) throw tooComplex(`the operation is ${total.depth} levels deep; at most ${limits.maxDepth} are allowed`, 'maxDepth');
  if (total.fields > limits.maxFields)
    throw tooComplex(`the operation asks for ${formatCount(total.fields)} fields once its fragments are expanded; at most ${limits.maxFields} are allowed`, 'maxFields');
  if (total.aliases > limits.maxAliases) throw tooComplex(`the document uses ${formatCount(total.aliases)} aliases; at most ${limits.maxAliases} are allowed`, 'maxAliases');
  if (total.directives > limits.maxDirectives)
    throw tooComplex(`the operation uses ${formatCount(total.directives)} directives once its fragments are expanded; at most ${limits.maxDirectives} are allowed`, 'maxDirectives');
}

function add(total: Measure, inner: Measure): void {
  total.fields += inner.fields;
  total.aliases += inner.aliases;
  total.directives += inner.directives;
}

function formatCount(count: number): string {
  return count > 1e9 ? 'more than a billion' : String(count);
}

function tooComplex(message: string, limit: string) {
  return hubError('OPERATION_TOO_COMPLEX', message, { limit });
}
