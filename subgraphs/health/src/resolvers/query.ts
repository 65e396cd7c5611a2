import { villageCodeRange } from '@lbc/schema';
import { pageWindow, toConnection } from '@lbc/subgraph-kit';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { visibleOrForbidden } from '@lbc/subgraph-kit';

export const Query: QueryResolvers = {
  // Clinics are institutions, not child data: open to every caller. Their patient lists are scoped (Clinic.patients).
  clinic: (_, { id }, { loaders }) => loaders.clinicById.load(id),

  clinics: async (_, { regionCode, first, after }, { db }) => {
    const window = pageWindow({ first, after }, 2);
    const { low, high } = villageCodeRange(regionCode);
    let query = db.selectFrom('clinic').selectAll().where('region_code', '>=', low).where('region_code', '<=', high);
    if (window.after) {
      const [region, id] = window.after.map(String) as [string, string];
      query = query.where((eb) => eb(eb.refTuple('region_code', 'id'), '>', eb.tuple(region, id)));
    }
    const rows = await query.orderBy('region_code').orderBy('id').limit(window.first + 1).execute();
    return toConnection(rows, window.first, (row) => [row.region_code, row.id]);
  },

  // Errors never repeat an identifier: messages end up in logs, and record numbers can be enumerated.
  healthRecordByNumber: async (_, { number }, { loaders }) =>
    visibleOrForbidden(await loaders.patientByRecordNumber.load(number), 'the health record with this number'),
  healthRecordByIdNumber: async (_, { idNumber }, { loaders }) =>
    visibleOrForbidden(await loaders.patientByIdNumber.load(idNumber), 'the health record of this ID number'),
};
