import { createPrivateKey, sign, type JsonWebKey } from 'node:crypto';
import type { JWK } from 'jose';

/** Signs a base64url payload; returns the compact JWS `header.payload.signature`. */
export type Es256Signer = (payload: string) => string;

/**
 * ES256 compact JWS with node:crypto's synchronous signer rather than jose's WebCrypto
 * path. The gateway signs on every request (a token per subgraph hop, a seal per audit
 * commit): WebCrypto runs each signature as an async job with key transfer, and costs
 * about three times as much CPU. Verification stays with jose, which is standard JOSE:
 * a token signed here verifies anywhere.
 */
export function createEs256Signer(privateJwk: JWK, header: Record<string, string | undefined>): Es256Signer {
  if (privateJwk.kty !== 'EC' || privateJwk.crv !== 'P-256' || !privateJwk.d || (privateJwk.alg ?? 'ES256') !== 'ES256') {
    throw new TypeError('an ES256 signer needs an EC P-256 private JWK');
  }
  const key = createPrivateKey({ key: privateJwk as JsonWebKey, format: 'jwk' });
  const encodedHeader = base64url(JSON.stringify({ alg: 'ES256', ...header }));
  return (payload) => {
    const input = `${encodedHeader}.${payload}`;
    return `${input}.${sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
  };
}

/** base64url of a string's UTF-8 bytes (RFC 7515 §2). */
export function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}
