import { PURPOSES, type Purpose } from '@lbc/schema';
import type { AuditEntryResolvers } from '../generated/resolvers-types.ts';

export const AuditEntry: AuditEntryResolvers = {
  // A rejected request may have carried a purpose header that is no purpose at all; the
  // entry keeps it as sent (and says why in `reason`), the enum field shows null rather
  // than failing the whole entry.
  writes: (entry) => entry.writes ?? [],
  purpose: (entry) => (PURPOSES.includes(entry.purpose as Purpose) ? (entry.purpose as Purpose) : null),
};
