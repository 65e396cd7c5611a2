import { codeOf, formattedError, hubError, internalError, isErrorCode, subgraphUnavailable } from '@lbc/schema';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

/** Extensions that describe the hub's internals (addresses, stack traces, raw responses): never sent. */
const INTERNAL_EXTENSIONS = new Set(['http', 'stacktrace', 'exception', 'response', 'headers']);

/**
 * What leaves the gateway of one error. Catalogue errors raised by the gateway or by a
 * subgraph go out as they are, minus internal extensions. A subgraph that failed, timed
 * out or refused the gateway's token yields one error naming the agency service — never
 * its internal URL (which @apollo/gateway puts in `extensions.response`) or the
 * underlying exception. Anything else becomes a generic internal error; the detail goes
 * to the request's log.
 */
export function formatError(error: GraphQLError, log: Logger): GraphQLFormattedError {
  const code = error.extensions?.code;
  const service = error.extensions?.serviceName;
  const subgraphHttpFailure = error.extensions?.response !== undefined;
  if (!subgraphHttpFailure && isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') return publicShape(error);

  const original = error.originalError ?? error;
  log.error({ err: original, code: code ?? null, serviceName: service ?? null, path: error.path ?? null }, 'error in response');
  if (typeof service === 'string' && (code === 'SUBGRAPH_UNAVAILABLE' || subgraphHttpFailure)) return formattedError(subgraphUnavailable(service), error.path);
  // The subgraph answered, with an error of its own (it logs the detail under the request id).
  if (typeof service === 'string') return formattedError(hubError('INTERNAL_SERVER_ERROR', `the ${service} service failed`, { serviceName: service }), error.path);
  return formattedError(internalError(), error.path);
}

/** The error as a client may see it: message, locations, path and the public extensions. */
function publicShape(error: GraphQLError): GraphQLFormattedError {
  const formatted = error.toJSON();
  const extensions = Object.fromEntries(Object.entries(formatted.extensions ?? {}).filter(([key]) => !INTERNAL_EXTENSIONS.has(key)));
  return { ...formatted, extensions: { ...extensions, code: codeOf(error) } };
}
