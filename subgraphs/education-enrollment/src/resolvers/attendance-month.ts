import type { AttendanceMonthResolvers } from '../generated/resolvers-types.ts';

export const AttendanceMonth: AttendanceMonthResolvers = {
  schoolDays: (month) => month.school_days,
  unexcusedDays: (month) => month.unexcused_days,
  excusedDays: (month) => month.excused_days,
};
