import { DEV_ISSUER, DEV_KEY_FILES, HUB_AUDIENCE, readJwk } from '../../keys/dev-keys.ts';
import { mintToken } from '../../keys/mint-token.ts';
import { BENCH_COUNTY } from './queries.ts';

/** The client system (`azp`) the bench calls as: the hub's trusted documents are registered for it. */
export const BENCH_CLIENT = 'lbc-bench';

/**
 * The caller of every request: a civil-affairs officer of the bench's county, from the
 * development identity provider. The hub lets such a caller read a child's record and a
 * list under CASE_MANAGEMENT and the county's counts under SUPERVISION, so all three
 * gateways answer every query in full.
 */
export function mintBenchToken(): Promise<string> {
  return mintToken(readJwk(DEV_KEY_FILES.issuerPrivate), {
    subject: 'lbc-bench-gateway',
    issuer: DEV_ISSUER,
    audience: HUB_AUDIENCE,
    agency: 'civil_affairs',
    level: 'county',
    region: BENCH_COUNTY,
    roles: ['officer'],
    client: BENCH_CLIENT,
    expiresIn: '10h',
  });
}
