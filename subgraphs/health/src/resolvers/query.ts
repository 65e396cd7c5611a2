import { villageCodeRange } from '@lbc/schema';
import { pageWindow, toConnection, visibleOrNotFound } from '@lbc/subgraph-kit';
import type { QueryResolvers } from '../generated/resolvers-types.ts';

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
    const rows = await query
      .orderBy('region_code')
      .orderBy('id')
      .limit(window.first + 1)
      .execute();
    return toConnection(rows, window.first, (row) => [row.region_code, row.id]);
  },

  // Lookups by personal identifiers: unknown and out-of-scope answer alike (NOT_FOUND), so record
  // and ID numbers cannot be tested for existence. Errors never repeat an identifier: messages end up in logs.
  healthRecordByNumber: async (_, { number }, { loaders }) => visibleOrNotFound(await loaders.patientByRecordNumber.load(number), 'health record'),
  healthRecordByIdNumber: async (_, { idNumber }, { loaders }) => visibleOrNotFound(await loaders.patientByIdNumber.load(idNumber), 'health record'),
};
