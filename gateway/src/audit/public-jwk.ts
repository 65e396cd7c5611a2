import type { JWK } from 'jose';

/** The public half of an EC or OKP private JWK: what verifiers (subgraphs, auditors) are given. */
export function publicJwkOf(privateJwk: JWK): JWK {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, key_ops: _ops, ...rest } = privateJwk;
  return rest;
}
