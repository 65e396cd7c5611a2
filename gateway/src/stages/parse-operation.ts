import { hubError } from '@lbc/schema';
import { GraphQLError, Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { checkOperationLimits, type OperationLimits } from '../limits/operation-limits.ts';
import type { Stage } from '../pipeline/stage.ts';

/**
 * The operation text, parsed with a token limit, and bounded before anything else looks
 * at it: depth, fields, aliases and directives counted as they would run, fragments
 * expanded (see checkOperationLimits). Then the one operation that runs is picked by
 * `operationName`; subscriptions are not served.
 */
export function parseOperationStage(limits: OperationLimits): Stage {
  return {
    name: 'parse',
    async run(request, next) {
      const document = parseDocument(request.source!, limits.maxTokens);
      const operation = pickOperation(document, request.body?.operationName ?? null);
      checkOperationLimits(document, operation, limits);
      request.document = document;
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
