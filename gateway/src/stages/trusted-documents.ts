import { badRequest, hubError } from '@lbc/schema';
import { documentHash, type TrustedDocuments } from '../limits/trusted-documents.ts';
import type { Stage } from '../pipeline/stage.ts';

/**
 * Which operation text runs. In production (`documents` set) only operations registered
 * for the calling client system: named by `documentId` ("sha256:<hex>"), by an Apollo
 * persisted-query hash (looked up, never registered: automatic persisted queries would
 * let any caller add operations), or sent in full and found registered by its hash.
 * Anything else is 403 UNTRUSTED_DOCUMENT. In development (`documents` null) any text runs.
 */
export function trustedDocumentsStage(documents: TrustedDocuments | null): Stage {
  return {
    name: 'trusted documents',
    async run(request, next) {
      const body = request.body!;
      const hash = requestedHash(body.documentId, body.extensions);
      if (!documents) {
        if (body.query === undefined) throw badRequest('this hub runs operations sent in full: send "query" (documents by id are served in production)');
        request.source = body.query;
        return next();
      }
      const principal = request.principal!;
      const client = principal.client ?? principal.issuer;
      const registered = documents.text(client, hash ?? documentHash(body.query ?? ''));
      if (registered === undefined) {
        throw hubError('UNTRUSTED_DOCUMENT', `this operation is not registered for client system ${client}; register it with pnpm documents:register`, { client });
      }
      if (body.query !== undefined && body.query !== registered) throw badRequest('"query" differs from the registered document it names');
      request.source = registered;
      return next();
    },
  };
}

/** The hash a request names instead of sending its text, if it names one. */
function requestedHash(documentId: string | undefined, extensions: Record<string, unknown> | null | undefined): string | undefined {
  if (documentId !== undefined) {
    const match = /^sha256:([0-9a-f]{64})$/.exec(documentId);
    if (!match) throw badRequest('"documentId" must be "sha256:<64 hex digits>"');
    return match[1];
  }
  const persisted = extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
  if (persisted === undefined) return undefined;
  if (typeof persisted?.sha256Hash !== 'string' || !/^[0-9a-f]{64}$/.test(persisted.sha256Hash)) throw badRequest('extensions.persistedQuery.sha256Hash must be 64 hex digits');
  return persisted.sha256Hash;
}
