import { scalarResolvers } from '@lbc/schema';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { AttendanceMonth } from './attendance-month.ts';
import { Child } from './child.ts';
import { DropoutReport } from './dropout-report.ts';
import { Enrollment } from './enrollment.ts';
import { Mutation } from './mutation.ts';
import { DropoutReportPayload, EnrollmentPayload, RecordAttendancePayload } from './payloads.ts';
import { Query } from './query.ts';
import { qualityFactsQuery } from './quality-facts.ts';
import { Region, SchoolRegionStats } from './region.ts';
import { SchoolCounsellingSession } from './school-counselling-session.ts';
import { School } from './school.ts';
import { Teacher } from './teacher.ts';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: { ...Query, ...qualityFactsQuery },
  Mutation,
  EnrollmentPayload,
  RecordAttendancePayload,
  DropoutReportPayload,
  Child,
  School,
  Teacher,
  Enrollment,
  AttendanceMonth,
  DropoutReport,
  SchoolCounsellingSession,
  Region,
  SchoolRegionStats,
};
