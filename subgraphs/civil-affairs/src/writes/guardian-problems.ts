import { inputRules, type Problem } from '@lbc/subgraph-kit';
import type { GuardianInput } from '../generated/resolvers-types.ts';

/** The input rules of a guardian, keyed by field under `prefix` (`guardian.name`): for assertInput. */
export function guardianProblems(guardian: GuardianInput, prefix: string): Record<string, Problem> {
  return {
    [`${prefix}.name`]: inputRules.text(guardian.name, 100, { required: true }),
    [`${prefix}.phone`]: inputRules.text(guardian.phone, 40),
  };
}
