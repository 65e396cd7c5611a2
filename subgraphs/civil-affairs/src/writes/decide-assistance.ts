import { assertInput, inputRules, runWrite, todayInChina, updateVersioned, type Problem } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { CivilAffairsContext } from '../context.ts';
import type { DecideAssistanceInput } from '../generated/resolvers-types.ts';
import { assistanceForWrite, assistanceInJurisdiction } from './assistance-for-write.ts';
import type { AssistanceResult } from './assistance-result.ts';

/** Assistance ids are identity values: digits, within bigint. */
const ASSISTANCE_ID = /^[0-9]{1,18}$/;
/** The largest amount the column holds (numeric(10, 2)). */
const MAX_YUAN = 99_999_999.99;

/**
 * The county's decision on an application, for a child living in its jurisdiction: GRANTED
 * with an amount, or REJECTED (which ends it on the day decided). Only an application still
 * APPLIED can be decided, at the version read: a second decision is refused, not overwritten.
 */
export function decideAssistance(context: CivilAffairsContext, info: GraphQLResolveInfo, input: DecideAssistanceInput): Promise<AssistanceResult> {
  const granted = input.decision === 'GRANTED';
  return runWrite(context, info, {
    args: input,
    validate: () =>
      assertInput({
        assistanceId: !ASSISTANCE_ID.test(input.assistanceId) && 'is not an assistance id',
        expectedVersion: inputRules.version(input.expectedVersion),
        amountYuan: granted ? grantedAmountProblem(input.amountYuan) : input.amountYuan != null && 'only a grant has an amount',
        decidedOn: inputRules.notInFuture(input.decidedOn, todayInChina()),
      }),
    async execute(write) {
      // The row as it was (locked): a stale version is a CONFLICT first, whatever else is wrong.
      const application = await assistanceForWrite(write, context, input.assistanceId);
      const set = granted ? { status: 'GRANTED' as const, amount_yuan: input.amountYuan ?? null } : { status: 'REJECTED' as const, ended_on: input.decidedOn };
      const versions = await updateVersioned(write, {
        table: 'assistance',
        key: { column: 'id', value: input.assistanceId },
        expectedVersion: input.expectedVersion,
        set,
        inJurisdiction: assistanceInJurisdiction(context),
        what: `assistance ${input.assistanceId}`,
      });
      assertInput({
        decision: application.status !== 'APPLIED' && `the application was ${application.status} already: only an APPLIED one can be decided`,
        decidedOn: inputRules.notBefore(input.decidedOn, application.started_on, 'the application'),
      });
      write.changed({
        record: 'Assistance',
        id: String(application.id),
        childId: application.child_id,
        change: 'updated',
        fields: granted ? ['status', 'amountYuan'] : ['status', 'endedOn'],
        ...versions,
      });
      return { assistance: { ...application, ...set, version: versions.toVersion }, childId: application.child_id };
    },
  });
}

/** A grant names a positive amount in yuan and fen. */
function grantedAmountProblem(amount: number | null | undefined): Problem {
  if (amount == null) return 'is required when the assistance is granted';
  if (amount <= 0) return 'must be more than 0';
  return inputRules.number(amount, 0.01, MAX_YUAN) || (Math.round(amount * 100) / 100 !== amount && 'must be in yuan and fen (at most two decimals)');
}
