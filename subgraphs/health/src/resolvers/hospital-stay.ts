import type { HospitalStayResolvers } from '../generated/resolvers-types.ts';

export const HospitalStay: HospitalStayResolvers = {
  id: (stay) => String(stay.id),
  admittedOn: (stay) => stay.admitted_on,
  dischargedOn: (stay) => stay.discharged_on,
};
