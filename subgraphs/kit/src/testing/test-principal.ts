import type { Principal } from '@lbc/schema';

/** A county civil-affairs officer in Suxian district unless overridden: the most common caller. */
export function testPrincipal(overrides: Partial<Principal> = {}): Principal {
  return {
    subject: 'test-officer',
    issuer: 'test-issuer',
    agency: 'civil_affairs',
    level: 'county',
    region: '431003',
    roles: ['officer'],
    ...overrides,
  };
}
