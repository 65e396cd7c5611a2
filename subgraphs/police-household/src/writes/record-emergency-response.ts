import { handoffIdProblem } from '@lbc/schema';
import { assertInput, inputRules, runWrite, type Problem } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { PoliceContext } from '../context.ts';
import type { EmergencyResponseAction, RecordEmergencyResponseInput } from '../generated/resolvers-types.ts';
import { childForWrite } from './child-for-write.ts';
import { reportForHandoff } from './report-for-handoff.ts';

/** What the payload is resolved from (and a retry answered with): the report and the child, read after the commit. */
export interface RecordEmergencyResponseResult {
  reportId: number;
  childId: string;
}

const NOTES_MAX = 500;

/**
 * Records the police's emergency response (应急处置) to a hand-off: the report of that
 * hand-off — opened by the first call, RESPONDING, kept by the caller's station — and one
 * response per action, dated now. The child is locked first (childForWrite), so two calls for
 * one hand-off take turns: the second sees the first's actions and may not repeat them.
 */
export function recordEmergencyResponse(context: PoliceContext, info: GraphQLResolveInfo, input: RecordEmergencyResponseInput): Promise<RecordEmergencyResponseResult> {
  const now = new Date();
  const notes = input.notes ?? null;
  return runWrite(context, info, {
    args: input,
    validate: () =>
      assertInput({
        handoffId: handoffIdProblem(input.handoffId),
        reportedAt: new Date(input.reportedAt) > now && `${String(input.reportedAt)} is in the future`,
        actions: actionsProblem(input.actions),
        notes: inputRules.text(notes, NOTES_MAX),
      }),
    async execute(write) {
      const child = await childForWrite(write, context, input.childId);
      const report = await reportForHandoff(write, context, child.id, input);
      const recorded = await write.trx.selectFrom('emergency_response').select('action').where('report_id', '=', report.id).where('action', 'in', input.actions).execute();
      assertInput({ actions: recorded.length > 0 && `${recorded.map((r) => r.action).join(', ')} recorded for this report already` });
      const responses = await write.trx
        .insertInto('emergency_response')
        .values(input.actions.map((action) => ({ report_id: report.id, responded_at: now, action, notes })))
        .returning('id')
        .execute();
      for (const response of responses) {
        const fields = ['respondedAt', 'action', ...(notes != null ? ['notes'] : [])];
        write.changed({ record: 'EmergencyResponse', id: String(response.id), childId: child.id, change: 'created', fields, fromVersion: null, toVersion: null });
      }
      return { reportId: report.id, childId: child.id };
    },
  });
}

/** One to seven actions, none twice: a response is one action done once for the report. */
function actionsProblem(actions: readonly EmergencyResponseAction[]): Problem {
  if (actions.length === 0) return 'name at least one action';
  const repeated = actions.filter((action, i) => actions.indexOf(action) !== i);
  return repeated.length > 0 && `${[...new Set(repeated)].join(', ')} given more than once`;
}
