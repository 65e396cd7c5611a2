/** Maps GraphQL types to the rows their resolvers receive (see ../../codegen.ts). */
export const mappers = {
  Child: '../db-types.ts#ChildRef',
  Region: '../db-types.ts#RegionRef',
  School: '../db-types.ts#SchoolRow',
  Teacher: '../db-types.ts#TeacherRow',
  Enrollment: '../db-types.ts#EnrollmentRow',
  AttendanceMonth: '../db-types.ts#AttendanceRow',
  DropoutReport: '../db-types.ts#DropoutReportRow',
  SchoolCounsellingSession: '../db-types.ts#CounsellingSessionRow',
  SchoolRegionStats: '../school-stats.ts#SchoolStats',
  EnrollmentPayload: '../writes/enrollment-result.ts#EnrollmentResult',
  RecordAttendancePayload: '../writes/record-attendance.ts#RecordAttendanceResult',
  DropoutReportPayload: '../writes/dropout-report-result.ts#DropoutReportResult',
};
export const contextType = '../context.ts#EducationContext';
