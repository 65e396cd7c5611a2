import { compactVerify, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { base64url, createEs256Signer, createInternalSigner, createInternalVerifier, type Principal } from '../src/index.ts';

/** What the gateway vouches for to a subgraph, and what it must not refresh on the way. */
describe('the internal gateway token', () => {
  it('carries the principal with its sign-in time, the purpose, a justification and a verified case', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const signer = await createInternalSigner({ ...(await exportJWK(privateKey)), kid: 'g1' });
    const verify = createInternalVerifier({ keys: [{ ...(await exportJWK(publicKey)), kid: 'g1', alg: 'ES256' }] }, 'health');
    const signedIn = Math.floor(Date.now() / 1000) - 3600;
    const principal: Principal = { subject: 'officer', issuer: 'https://idp.police.example', agency: 'police', level: 'town', region: '431003101', roles: ['officer'], authenticatedAt: signedIn };

    const full = await verify(
      await signer.sign(principal, 'health', { requestId: 'r1', purpose: 'EMERGENCY', justification: 'child alone at home since Friday', case: { id: '42', childId: 'LB000000007' } }),
    );
    expect(full).toEqual({ principal, requestId: 'r1', purpose: 'EMERGENCY', justification: 'child alone at home since Friday', case: { id: '42', childId: 'LB000000007' } });

    // The token itself is fresh, but the caller's sign-in is not: its iat must never stand in for it.
    const { authenticatedAt: _dropped, ...withoutSignIn } = principal;
    const bare = await verify(await signer.sign(withoutSignIn, 'health', { requestId: 'r2', purpose: 'ASSESSMENT' }));
    expect(bare).toEqual({ principal: withoutSignIn, requestId: 'r2', purpose: 'ASSESSMENT' });

    // The break-glass child travels with a justification only: without one it opens nothing.
    const glass = await verify(await signer.sign(principal, 'health', { requestId: 'r3', purpose: 'EMERGENCY', justification: 'child alone at home since Friday', breakGlassChild: 'LB000000007' }));
    expect(glass).toEqual({ principal, requestId: 'r3', purpose: 'EMERGENCY', justification: 'child alone at home since Friday', breakGlassChild: 'LB000000007' });
    const noGlass = await verify(await signer.sign(principal, 'health', { requestId: 'r4', purpose: 'EMERGENCY', breakGlassChild: 'LB000000007' }));
    expect(noGlass).toEqual({ principal, requestId: 'r4', purpose: 'EMERGENCY' });
  });
});

describe('the ES256 signer', () => {
  it('writes compact JWS that jose verifies, with the header given, and refuses keys that are not P-256', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const sign = createEs256Signer({ ...(await exportJWK(privateKey)), kid: 'k1' }, { kid: 'k1', typ: 'test+jws' });
    const jws = sign(base64url(JSON.stringify({ hello: '世界' })));
    const { payload, protectedHeader } = await compactVerify(jws, publicKey);
    expect(protectedHeader).toEqual({ alg: 'ES256', kid: 'k1', typ: 'test+jws' });
    expect(JSON.parse(new TextDecoder().decode(payload))).toEqual({ hello: '世界' });
    // A signature over other bytes does not verify: the signer signs exactly header.payload.
    const [header, , signature] = jws.split('.');
    await expect(compactVerify(`${header}.${base64url('{"hello":"x"}')}.${signature}`, publicKey)).rejects.toThrow();

    const rsa = await generateKeyPair('RS256', { extractable: true });
    const rsaJwk = await exportJWK(rsa.privateKey);
    expect(() => createEs256Signer(rsaJwk, {})).toThrow(/EC P-256/);
  });
});
