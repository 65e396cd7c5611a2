import { unauthenticated, type InternalVerifier, type VerifiedInternalToken } from '@lbc/schema';
import type { IncomingMessage } from 'node:http';

/**
 * Subgraphs answer only the gateway. Every request — including `_service` and
 * `_entities`, which would otherwise expose any entity field to whoever can reach the
 * port — must carry a gateway token addressed to this subgraph.
 */
export async function authenticateRequest(req: IncomingMessage, verify: InternalVerifier): Promise<VerifiedInternalToken> {
  const header = req.headers.authorization;
  const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
  if (!token) throw unauthenticated('a gateway token is required (Authorization: Bearer ...)');
  try {
    return await verify(token);
  } catch {
    // jose's message would tell a prober which check failed; the log does not need it either.
    throw unauthenticated('the gateway token is invalid, expired or not addressed to this subgraph');
  }
}
