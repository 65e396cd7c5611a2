import { hubError } from '@lbc/schema';
import { GraphQLError, Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { checkOperationLimits, type OperationLimits } from '../limits/operation-limits.ts';
import type { Stage } from '../pipeline/stage.ts';
import { LRUCache } from 'lru-cache';

/**
 * The operation text, parsed with a token limit, and bounded before anything else looks
 * at it: depth, fields, aliases and directives counted as they would run, fragments
 * expanded (see checkOperationLimits). Then the one operation that runs is picked by
 * `operationName`; subscriptions are not served.
 *
 * Agency systems and dashboards send the same few operations again and again: each text
 * is parsed and bounded once, and its document shared (read-only) by every request that
 * sends it, as Apollo Server does. Refusals are not remembered; they are cheap to repeat.
 */
export function parseOperationStage(limits: OperationLimits): Stage {
  const parsed = new LRUCache<string, { document: DocumentNode; operations: Map<string | null, OperationDefinitionNode> }>({ max: 1000 });
  return {
    name: 'parse',
    async run(request, next) {
      const source = request.source!;
      const operationName = request.body?.operationName ?? null;
      let known = parsed.get(source);
      let operation = known?.operations.get(operationName);
      if (!known || !operation) {
        const document = known?.document ?? parseDocument(source, limits.maxTokens);
        operation = pickOperation(document, operationName);
        checkOperationLimits(document, operation, limits);
        known ??= { document, operations: new Map() };
        known.operations.set(operationName, operation);
        parsed.set(source, known);
      }
      request.document = known.document;
      request.operation = operation;
      return next();
    },
  };
}

function parseDocument(source: string, maxTokens: number): DocumentNode {
  try {
    return parse(source, { maxTokens, noLocation: false });
  } catch (error) {
    const message = error instanceof GraphQLError ? error.message : 'the operation could not be parsed';
    throw hubError('GRAPHQL_PARSE_FAILED', message);
  }
}

function pickOperation(document: DocumentNode, operationName: string | null): OperationDefinitionNode {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length === 0) throw hubError('OPERATION_RESOLUTION_FAILURE', 'the document has no operation');
  if (!operationName && operations.length > 1) throw hubError('OPERATION_RESOLUTION_FAILURE', 'the document has several operations: name the one to run (operationName)');
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  // The name is the caller's text: not echoed (it may hold anything, an ID number included).
  if (!operation) throw hubError('OPERATION_RESOLUTION_FAILURE', 'operationName names no operation in the document');
  if (operation.operation === 'subscription') throw hubError('OPERATION_NOT_SUPPORTED', 'subscriptions are not served by this hub');
  return operation;
}
