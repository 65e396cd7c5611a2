import { villageCodeRange } from '@lbc/schema';
import { pageWindow, toConnection } from '@lbc/subgraph-kit';
import type { QueryResolvers } from '../generated/resolvers-types.ts';

export const Query: QueryResolvers = {
  child: (_, { id }, { loaders }) => loaders.childById.load(id),
  childByIdNumber: (_, { idNumber }, { loaders }) => loaders.childByIdNumber.load(idNumber),

  children: async (_, { filter, first, after }, { db }) => {
    const window = pageWindow({ first, after }, 2);
    let query = db.selectFrom('child').selectAll('child');
    if (filter?.regionCode) {
      const { low, high } = villageCodeRange(filter.regionCode);
      query = query.where('village_code', '>=', low).where('village_code', '<=', high);
    }
    if (filter?.category) query = query.where('category', '=', filter.category);
    if (filter?.status) query = query.where('status', '=', filter.status);
    if (filter?.riskFlag) {
      const kind = filter.riskFlag;
      query = query.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('risk_flag')
            .select('risk_flag.child_id')
            .whereRef('risk_flag.child_id', '=', 'child.id')
            .where('risk_flag.kind', '=', kind)
            .where('risk_flag.cleared_on', 'is', null),
        ),
      );
    }
    if (window.after) {
      const [village, id] = window.after.map(String) as [string, string];
      query = query.where((eb) => eb(eb.refTuple('village_code', 'id'), '>', eb.tuple(village, id)));
    }
    const rows = await query.orderBy('village_code').orderBy('id').limit(window.first + 1).execute();
    return toConnection(rows, window.first, (row) => [row.village_code, row.id]);
  },

  region: (_, { code }, { loaders }) => loaders.regionByCode.load(code),

  provinces: async (_, { first, after }, { db }) => {
    const window = pageWindow({ first, after }, 1);
    let query = db.selectFrom('region').selectAll().where('level', '=', 'PROVINCE');
    if (window.after) query = query.where('code', '>', String(window.after[0]));
    const rows = await query.orderBy('code').limit(window.first + 1).execute();
    return toConnection(rows, window.first, (row) => [row.code]);
  },

  staffMember: (_, { id }, { loaders }) => loaders.staffById.load(id),
};
