import { createInternalSigner } from '@lbc/schema';
import type { JWK } from 'jose';
import { readFileSync } from 'node:fs';
import type { BenchCaller } from './bench-caller.ts';

/** Signs the token one subgraph fetch carries. */
export type HopSigner = (caller: BenchCaller, subgraph: string) => Promise<string>;

/**
 * The per-hop token as the hub's forward step signs it: the hub's own internal signer over
 * the gateway's private key (the file in LBC_GATEWAY_PRIVATE_KEY_FILE, the one the hub is
 * given too), addressed to one subgraph, naming the principal, the request id and the
 * purpose. The subgraphs verify it against that key's public half and accept nothing else.
 * Signed anew for every fetch, none reused: the plain cost of per-hop tokens.
 */
export async function createHopSigner(privateKeyFile: string): Promise<HopSigner> {
  const signer = await createInternalSigner(JSON.parse(readFileSync(privateKeyFile, 'utf8')) as JWK);
  return (caller, subgraph) => signer.sign(caller.principal, subgraph, { requestId: caller.requestId, purpose: caller.purpose });
}
