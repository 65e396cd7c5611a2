import type { WriteTransaction } from '@lbc/subgraph-kit';
import type { HandoffRow, HandoffsDB } from '../db-types.ts';
import { unitAt } from '@lbc/schema';
import { sideOf } from '../parties.ts';
import { sendHandoffs } from './send-handoffs.ts';

/**
 * What the hub does when a hand-off is done, so that a mechanism's next step is never
 * forgotten. The police finishing their response to a mandatory report notify the township
 * where the child lives, and the county civil affairs above it (S2 方案8: 公安机关要将相关情况
 * 及时通报相关镇, 区民政局): an EMERGENCY_NOTICE to the township's civil affairs, copied to the county.
 */
export async function followOns(write: WriteTransaction<HandoffsDB>, done: HandoffRow, subject: string, now: Date): Promise<void> {
  if (done.kind !== 'MANDATORY_REPORT' || !done.child_id) return;
  const place = await write.trx.selectFrom('child_place').select('residence_code').where('child_id', '=', done.child_id).executeTakeFirst();
  // Where the child lives decides the township; failing that, the township the police station serves.
  const home = place?.residence_code ?? done.to_region.padEnd(9, '0');
  await sendHandoffs(
    write,
    [
      {
        kind: 'EMERGENCY_NOTICE',
        childId: done.child_id,
        from: sideOf(done, 'to'),
        fromSubject: subject,
        to: unitAt('civil_affairs', home, 'town'),
        reason: done.reason,
        note: `police response to mandatory report ${done.id} is done (${done.outcome === 'SUCCESSFUL' ? 'successful' : 'unsuccessful'})`,
        copyTo: [unitAt('civil_affairs', home, 'county')],
      },
    ],
    now,
  );
}
