import { badRequest } from '@lbc/schema';
import { readJsonBody } from '@lbc/subgraph-kit';
import type { GraphQLRequestBody } from '../pipeline/gateway-request.ts';
import type { Stage } from '../pipeline/stage.ts';

/** A GraphQL request of the hub's is a few kilobytes; 64 KiB leaves room for any real one. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/**
 * The body, read as JSON up to `maxBytes` (413 beyond), and checked for the shape of a
 * GraphQL request before anything parses it: a query string or a document id, variables
 * an object, an operation name a string. Batches (a JSON array) are not served: one
 * request, one audit entry.
 */
export function readBodyStage(options: { maxBytes: number } = { maxBytes: DEFAULT_MAX_BODY_BYTES }): Stage {
  return {
    name: 'read body',
    async run(request, next) {
      request.body = graphQLRequestBody(await readJsonBody(request.http, options.maxBytes));
      return next();
    },
  };
}

function graphQLRequestBody(value: unknown): GraphQLRequestBody {
  if (Array.isArray(value)) throw badRequest('batched requests are not served: send one operation per request');
  if (!value || typeof value !== 'object') throw badRequest('the body must be a JSON object {"query": "...", "variables": {...}}');
  const body = value as Record<string, unknown>;
  const { query, operationName, variables, extensions, documentId } = body;
  if (query !== undefined && typeof query !== 'string') throw badRequest('"query" must be a string');
  if (documentId !== undefined && typeof documentId !== 'string') throw badRequest('"documentId" must be a string');
  if (query === undefined && documentId === undefined && !extensions) throw badRequest('the body has no "query" (or "documentId")');
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') throw badRequest('"operationName" must be a string');
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) throw badRequest('"variables" must be a JSON object');
  if (extensions !== undefined && extensions !== null && (typeof extensions !== 'object' || Array.isArray(extensions))) throw badRequest('"extensions" must be a JSON object');
  return {
    ...(query !== undefined ? { query } : {}),
    ...(documentId !== undefined ? { documentId } : {}),
    operationName: (operationName as string | null | undefined) ?? null,
    variables: (variables as Record<string, unknown> | null | undefined) ?? null,
    extensions: (extensions as Record<string, unknown> | null | undefined) ?? null,
  };
}
