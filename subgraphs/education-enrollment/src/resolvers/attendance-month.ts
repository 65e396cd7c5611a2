import type { AttendanceMonthResolvers } from '../generated/resolvers-types.ts';

export const AttendanceMonth: AttendanceMonthResolvers = {
  unexcusedDays: (month) => month.unexcused_days,
  excusedDays: (month) => month.excused_days,
};
